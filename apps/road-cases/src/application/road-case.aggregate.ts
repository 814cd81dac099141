import { defineAggregate, streamThread } from '@app/event-store';
import { roadCaseDecider } from '../domain/road-case.decider';
import { ROAD_CASE_STREAM } from '../read-models/case-board/case-board.projection';

/** A road case: opened from a report, a raid's defect or an inspector, one thread from the defect to its repair. */
export const roadCaseAggregate = defineAggregate({
  name: 'Case',
  streamType: ROAD_CASE_STREAM,
  decider: roadCaseDecider,
  creates: ['OpenCase'],
  thread: streamThread,
});
