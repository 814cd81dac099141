/**
 * The service codes GET /open311/v2/services lists, in its order (the defect types a citizen may report), written
 * out so that the JSON and XML specs check the published list itself, not whatever the contracts say today.
 */
export const OPEN311_SERVICE_CODES = ['pothole', 'crack', 'rutting', 'edge_break', 'missing_marking', 'other'];
