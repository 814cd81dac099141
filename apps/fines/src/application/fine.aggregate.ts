import { defineAggregate, streamThread } from '@app/event-store';
import { fineDecider } from '../domain/fine.decider';
import { FINE_STREAM } from '../read-models/fine-board/fine-board.projection';

/** A fine: one thread from the offence (or the official) that issued it to its payment or enforcement. */
export const fineAggregate = defineAggregate({
  name: 'Fine',
  streamType: FINE_STREAM,
  decider: fineDecider,
  creates: ['IssueFine'],
  thread: streamThread,
});
