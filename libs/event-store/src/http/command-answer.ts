import type { RecordedEvent } from '../store/recorded-event';
import { versioned } from './version-headers';

/** What a command's answer says of each event it appended: enough to fetch, later, the event's receipt and check it. */
export interface AppendedEventReceipt {
  eventId: string;
  type: string;
  streamVersion: number;
  hash: string;
  /** GET it once the log has signed a checkpoint over the event (a few seconds): its inclusion proof and checkpoint. */
  receipt: string;
}

export function appendedEventReceipts(events: readonly RecordedEvent[]): AppendedEventReceipt[] {
  return events.map((e) => ({
    eventId: e.eventId,
    type: e.type,
    streamVersion: e.streamVersion,
    hash: e.hash,
    receipt: `/audit/receipts/${e.eventId}`,
  }));
}

/**
 * What a command returns over HTTP: the stream, its new version (also as the ETag, for the next If-Match), the few
 * state fields the caller needs, and the ids and hashes of the events it appended with where their receipts are.
 */
export function commandAnswer<Extra extends Record<string, unknown> = Record<never, never>>(
  result: { streamId: string; version: number; events?: readonly RecordedEvent[] },
  extra: Extra = {} as Extra,
) {
  return versioned({
    id: result.streamId,
    version: result.version,
    ...extra,
    events: appendedEventReceipts(result.events ?? []),
  });
}

/**
 * The answer most command routes give: commandAnswer with the aggregate's status after the command, and any other
 * state fields the caller acts on (a raid's new defect id, a fine's balance).
 */
export function statusAnswer<
  State extends { status: string },
  // The status is the state's; an extra member of that name would silently replace it.
  Extra extends Record<string, unknown> & { status?: never } = Record<never, never>,
>(
  result: { streamId: string; version: number; events?: readonly RecordedEvent[]; state: State },
  extra: Extra = {} as Extra,
) {
  // Typed as the state's own status union (not widened to string), so the answer's schema lists its values.
  return commandAnswer(result, { status: result.state.status as State['status'], ...extra });
}
