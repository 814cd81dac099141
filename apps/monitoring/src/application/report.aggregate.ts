import { defineAggregate, streamThread } from '@app/event-store';
import { reportDecider } from '../domain/report.decider';
import { REPORT_STREAM } from '../read-models/report-board/report-board.projection';

/** A citizen's report: one thread from its filing to its resolution. */
export const reportAggregate = defineAggregate({
  name: 'Report',
  streamType: REPORT_STREAM,
  decider: reportDecider,
  creates: ['SubmitReport'],
  thread: streamThread,
});
