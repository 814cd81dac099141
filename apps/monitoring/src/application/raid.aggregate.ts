import { defineAggregate, streamThread } from '@app/event-store';
import { raidDecider } from '../domain/raid.decider';
import { RAID_STREAM } from '../read-models/raid-board/raid-board.projection';

/** A raid of the club: one thread from its plan to its close, with the defects and offences it found. */
export const raidAggregate = defineAggregate({
  name: 'Raid',
  streamType: RAID_STREAM,
  decider: raidDecider,
  creates: ['PlanRaid'],
  thread: streamThread,
});
