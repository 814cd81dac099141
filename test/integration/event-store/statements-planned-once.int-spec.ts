import type { DataSource } from 'typeorm';
import {
  EventStore,
  GENESIS_HASH,
  LOG_START,
  positionOf,
  readCommittedEvents,
  streamIndexProjection,
  type LogPosition,
} from '@app/event-store';
import { createEventStoreFixture, type EventStoreFixture } from '@app/testing';
import { tallyCommand } from '../../support/tally.decider';

// The write path's hottest statements are prepared once per connection and planned once too: Postgres replans a
// prepared statement for its values while that plan looks cheaper than the one for any values, and the append (unnest
// over parameter arrays) and the log read (a position to read after) looked cheaper every time, so both were planned
// on every call, which cost the server more than running them. pg_prepared_statements counts, per connection, the
// plans made for each statement: on a pool of one connection, that is every plan these calls made.

const CALLS = 12;
/** Postgres makes custom plans for a prepared statement's first five runs, then compares. */
const CUSTOM_PLANS_BEFORE_CHOOSING = 5;

describe('event store: the append and the log read are planned once per connection', () => {
  let fx: EventStoreFixture;
  let single: DataSource;

  beforeAll(async () => {
    fx = await createEventStoreFixture('planned-once', { inlineProjections: [streamIndexProjection] });
    single = await fx.openDataSource(1);
  });
  afterAll(() => fx?.close());

  const plans = async (textStart: string) => {
    const rows: Array<{ generic_plans: string; custom_plans: string }> = await single.query(
      `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE $1`,
      [`${textStart}%`],
    );
    expect(rows).toHaveLength(1);
    return { generic: Number(rows[0].generic_plans), custom: Number(rows[0].custom_plans) };
  };

  it(`${CALLS} one-event appends: at most ${CUSTOM_PLANS_BEFORE_CHOOSING} custom plans, then the generic plan kept`, async () => {
    // Every append wakes the relay (no shared wake-ups), so all of them are one statement text.
    const store = new EventStore(single, fx.schema, undefined, {
      inlineProjections: [streamIndexProjection],
      wakeUpCoalesceMs: 0,
    });
    let tail = { version: 0, hash: GENESIS_HASH };
    for (let i = 0; i < CALLS; i++) {
      const [event] = await store.appendToStream({
        streamType: 'Tally',
        streamId: 'planned-once',
        expectedVersion: tail.version,
        previousHash: tail.hash,
        events: [{ type: 'TallyCounted', data: { by: i } }],
        metadata: tallyCommand('CountTally', { by: i }).metadata,
      });
      tail = { version: event.streamVersion, hash: event.hash };
    }
    expect(tail.version).toBe(CALLS);
    const append = await plans('WITH inserted AS');
    expect(append.custom).toBeLessThanOrEqual(CUSTOM_PLANS_BEFORE_CHOOSING);
    expect(append.generic).toBeGreaterThanOrEqual(CALLS - CUSTOM_PLANS_BEFORE_CHOOSING);
  });

  it(`${CALLS} reads of the log from a position, as the relay and projections read it: the same`, async () => {
    let after: LogPosition = LOG_START;
    let read = 0;
    for (let i = 0; i < CALLS; i++) {
      const events = await readCommittedEvents(single, fx.schema, after, 1);
      if (events.length > 0) after = positionOf(events[0]);
      read += events.length;
    }
    expect(read).toBe(CALLS);
    const log = await plans('SELECT global_position');
    expect(log.custom).toBeLessThanOrEqual(CUSTOM_PLANS_BEFORE_CHOOSING);
    expect(log.generic).toBeGreaterThanOrEqual(CALLS - CUSTOM_PLANS_BEFORE_CHOOSING);
  });
});
