import { defineAggregate, type RecordedEvent } from '@app/event-store';
import { programmeDecider } from '../domain/programme.decider';
import { PROGRAMME_STREAM } from '../projections/stream-types';

/** The thread of the report that flagged the programme: where the citizen follows the doubt they raised. */
const flaggingReportThread = (history: RecordedEvent[], reportId: string) =>
  history.find((e) => e.type === 'ProgrammeFlagged' && (e.data as { reportId?: string }).reportId === reportId)
    ?.metadata.correlationId;

/**
 * A budget programme of a fiscal year: long-lived, it gathers many threads (allocations, spending, revenue, flags),
 * so each command stays on its request's own, except that resolving a flag joins the thread of the report that raised
 * it, so the citizen's thread reaches the resolution.
 */
export const programmeAggregate = defineAggregate({
  name: 'Programme',
  streamType: PROGRAMME_STREAM,
  decider: programmeDecider,
  creates: ['PublishProgramme'],
  thread: (history, command) =>
    command.type === 'ResolveFlag' ? flaggingReportThread(history, command.data.reportId) : undefined,
});
