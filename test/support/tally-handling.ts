import { randomUUID } from 'node:crypto';
import type { CommandHandler, EventStore, HandleCommandRequest, RecordedEvent } from '@app/event-store';
import { tallyCommand, tallyDecider, type TallyCommand, type TallyEvent, type TallyState } from './tally.decider';

type TallyRequest = HandleCommandRequest<TallyState, TallyCommand, TallyEvent>;

/**
 * A command on the Tally stream `streamId`, decided by tallyDecider unless `options` names another decider, with the
 * request's other options (expectedVersion, retryOnConflict...): the call the event-store specs make again and again.
 */
export const handleTally = (
  handler: CommandHandler,
  streamId: string,
  command: TallyCommand,
  options: Partial<Omit<TallyRequest, 'streamId' | 'command'>> = {},
) =>
  handler.handle<TallyState, TallyCommand, TallyEvent>({
    decider: tallyDecider,
    streamType: 'Tally',
    streamId,
    command,
    ...options,
  });

/** Opens a tally (a fresh id unless given) and answers its id. */
export async function openTally(handler: CommandHandler, id = `tally-${randomUUID()}`, label = 'x'): Promise<string> {
  await handleTally(handler, id, tallyCommand('OpenTally', { tallyId: id, label }));
  return id;
}

/** `n` TallyCounted events appended straight to the store (no decider) after version `from`, counting from+1, from+2... */
export function appendTallyCounts(store: EventStore, streamId: string, n: number, from = 0): Promise<RecordedEvent[]> {
  return store.appendToStream({
    streamType: 'Tally',
    streamId,
    expectedVersion: from,
    metadata: tallyCommand('CountTally', { by: 1 }).metadata,
    events: Array.from({ length: n }, (_, i) => ({ type: 'TallyCounted', data: { by: from + i + 1 } })),
  });
}
