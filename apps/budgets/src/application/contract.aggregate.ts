import { defineAggregate, requestThread } from '@app/event-store';
import { contractDecider } from '../domain/contract.decider';
import { CONTRACT_STREAM } from '../projections/stream-types';

/** A contract under a programme: its payments and warranty repairs each stay on the thread that caused them. */
export const contractAggregate = defineAggregate({
  name: 'Contract',
  streamType: CONTRACT_STREAM,
  decider: contractDecider,
  creates: ['SignContract'],
  thread: requestThread,
});
