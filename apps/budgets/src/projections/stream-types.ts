/** Stream types of the three aggregates; stream ids are the BIN, the programme id and the contract id. */
export const INSTITUTION_STREAM = 'Institution';
export const PROGRAMME_STREAM = 'Programme';
export const CONTRACT_STREAM = 'Contract';
