import type { AppendedColumn } from '@app/event-store';

/**
 * The events a notices projection turns into notices, for its declaration: those of one stream type whose type is
 * one of its notice kinds, read inline (in the append's transaction, so a change and its notice commit together)
 * from the columns a notice is made of. The report notices and the control notices take theirs alike.
 */
export function noticeEvents(streamType: string, kinds: readonly string[]) {
  return {
    mode: 'inline' as const,
    reads: ['stream_id', 'stream_type', 'stream_version', 'event_type', 'payload', 'occurred_at'] as AppendedColumn[],
    handles: (event: { streamType: string; type: string }) =>
      event.streamType === streamType && kinds.includes(event.type),
  };
}

/** The notice kinds as the SQL list of the statement's `event_type IN (…)`, the same kinds `handles` takes. */
export const sqlKindList = (kinds: readonly string[]) => kinds.map((k) => `'${k}'`).join(', ');
