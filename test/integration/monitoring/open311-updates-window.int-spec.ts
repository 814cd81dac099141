import { createEventStoreFixture, tableIoMeter, type EventStoreFixture } from '@app/testing';
import { MonitoringReadModels1764500000000 } from '../../../apps/monitoring/src/projections/monitoring-projections';
import { Open311UpdatesIndex1768000000300 } from '../../../apps/monitoring/src/read-models/report-board/open311-updates-index.migration';
import { Open311Updates } from '../../../apps/monitoring/src/read-models/report-board/open311-updates.queries';

// Open311's GET servicerequestupdates is public and asks for a date window. The reports' events are kept for ever, so
// an answer must read the window's events, not every event ever appended: with no index on occurred_at it read the
// whole events table for each answer, a cost that grew with the service's age (3,892 blocks at 100,000 events; 43
// now, the planner's look at the index's ends for its estimate among them).
describe("Open311's service request updates of a date window, among years of published reports", () => {
  let fx: EventStoreFixture;
  const updatesIndex = new Open311UpdatesIndex1768000000300();
  const window = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-30T23:59:59Z'), limit: 1000 };

  beforeAll(async () => {
    fx = await createEventStoreFixture('open311_updates_window', {
      migrations: [MonitoringReadModels1764500000000, Open311UpdatesIndex1768000000300],
    });
    const board = (id: string, kind: string, status: string) =>
      `('${id}', 5, '${kind}', '${status}', 'Taraz', 'A pothole', '{}', '2024-01-01')`;
    // 20,000 road reports of the two years before, each published with its five events (100,000 events).
    await fx.dataSource.query(
      `INSERT INTO report_board (report_id, version, kind, status, district, description, details, submitted_at)
       SELECT 'old-' || n, 5, 'road_defect', CASE WHEN n % 2 = 0 THEN 'resolved' ELSE 'accepted' END, 'Taraz',
              'A pothole', '{}', timestamptz '2024-01-01' + n * interval '50 minutes'
         FROM generate_series(1, 20000) AS n`,
    );
    await fx.dataSource.query(
      `INSERT INTO report_board (report_id, version, kind, status, district, description, details, submitted_at)
       VALUES ${[
         board('r-1', 'road_defect', 'accepted'),
         board('r-2', 'road_defect', 'resolved'),
         board('r-waiting', 'road_defect', 'under_review'),
         board('r-budget', 'budget_execution', 'accepted'),
       ].join(', ')}`,
    );
    const event = (stream: string, version: number, type: string, at: string, streamType = 'Report') =>
      `(gen_random_uuid(), '${streamType}', '${stream}', ${version}, '${type}', 1, '{"caseId": "case-1", "outcome": "fixed"}',
        '{}', '${at}', repeat('0', 64), repeat('0', 64))`;
    await fx.dataSource.query(
      `INSERT INTO events (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata,
                           occurred_at, previous_hash, hash)
       SELECT gen_random_uuid(), 'Report', 'old-' || n, v,
              (ARRAY['ReportSubmitted', 'ReviewStarted', 'ReportAccepted', 'ReportCaseLinked', 'ReportResolved'])[v],
              1, '{"caseId": "case-0", "outcome": "fixed"}', '{}',
              timestamptz '2024-01-01' + n * interval '50 minutes' + v * interval '1 hour', repeat('0', 64), repeat('0', 64)
         FROM generate_series(1, 20000) AS n, generate_series(1, 5) AS v`,
    );
    // This month's: two published reports' changes, and what the window holds that no follower may see.
    await fx.dataSource.query(
      `INSERT INTO events (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata,
                           occurred_at, previous_hash, hash)
       VALUES ${[
         event('r-1', 1, 'ReportSubmitted', '2026-11-02T09:00:00Z'),
         event('r-1', 2, 'ReviewStarted', '2026-11-03T09:00:00Z'),
         event('r-1', 3, 'ReportAccepted', '2026-11-04T09:00:00Z'),
         event('r-2', 4, 'ReportCaseLinked', '2026-11-05T09:00:00Z'),
         event('r-2', 5, 'ReportResolved', '2026-12-01T09:00:00Z'),
         event('r-waiting', 1, 'ReviewStarted', '2026-11-06T09:00:00Z'),
         event('r-budget', 1, 'ReviewStarted', '2026-11-07T09:00:00Z'),
         event('r-1', 9, 'ReviewStarted', '2026-11-08T09:00:00Z', 'RoadCase'),
       ].join(', ')}`,
    );
    await fx.dataSource.query('VACUUM ANALYZE events');
    await fx.dataSource.query('VACUUM ANALYZE report_board');
  });
  afterAll(() => fx?.close());

  /** The window's updates, and how many blocks of the events, the board and their indexes they cost. */
  const measure = tableIoMeter(() => fx, ['events', 'report_board']);
  const updates = () => measure((db) => new Open311Updates(db).list(window));
  const published = [
    ['r-1', 'INVESTIGATING'],
    ['r-1', 'ACTION_SCHEDULED'],
    ['r-2', 'IN_PROGRESS'],
  ];
  const seen = (result: { service_request_id: string; status: string }[]) =>
    result.map((u) => [u.service_request_id, u.status]);

  it("reads only the window's events: the published reports' status changes in it, oldest first", async () => {
    const { result, blocks } = await updates();
    expect(seen(result)).toEqual(published);
    expect(blocks).toBeLessThanOrEqual(60);
  });

  it('without the index the same answer reads every event ever appended: what the migration ended', async () => {
    const runner = fx.dataSource.createQueryRunner();
    try {
      await updatesIndex.down(runner);
      await fx.dataSource.query('ANALYZE events');
      const { result, blocks } = await updates();
      expect(seen(result)).toEqual(published);
      expect(blocks).toBeGreaterThan(1000);
    } finally {
      await updatesIndex.up(runner);
      await runner.release();
    }
  });
});
