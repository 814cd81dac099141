import { defineAggregate, requestThread } from '@app/event-store';
import { institutionDecider } from '../domain/institution.decider';
import { INSTITUTION_STREAM } from '../projections/stream-types';

/** A budget institution, by its BIN: registered once, then a disclosure a year, each on its own request's thread. */
export const institutionAggregate = defineAggregate({
  name: 'Institution',
  streamType: INSTITUTION_STREAM,
  decider: institutionDecider,
  creates: ['RegisterInstitution'],
  thread: requestThread,
});
