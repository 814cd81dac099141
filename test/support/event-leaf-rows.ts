/** An event's columns a Merkle leaf commits to (the documented leaf format), as a query of the events table answers them. */
export interface EventLeafRow {
  event_id: string;
  stream_type: string;
  stream_id: string;
  stream_version: number;
  recorded_at: Date;
  hash: string;
}
