import { createEventStoreFixture, tableIoMeter, type EventStoreFixture } from '@app/testing';
import { CaseBoardListOrderIndexes1768000000200 } from '../../../apps/road-cases/src/read-models/case-board/case-board-list-order-indexes.migration';
import { CaseBoardSweepIndexes1768000000100 } from '../../../apps/road-cases/src/read-models/case-board/case-board-sweep-indexes.migration';
import { CaseQueries } from '../../../apps/road-cases/src/read-models/case-board/case-board.queries';
import { RoadCaseReadModels1764400000000 } from '../../../apps/road-cases/src/read-models/road-case-projections';

// Two reads of the case board run with no one asking: the overdue sweep's, every minute, and the open-case look-up of
// every report or raid defect. The board keeps a row for every case ever opened, so each must read only the rows it
// wants: through the board's other indexes the sweep went through the whole board and the look-up through every case
// of the defect type, closed ones too, costs that grew with the service's age.
describe('the case board reads of the overdue sweep and of a new report', () => {
  let fx: EventStoreFixture;
  const sweepIndexes = new CaseBoardSweepIndexes1768000000100();
  // The list's (status, opened_at, case_id) index, added after, takes the sweep to the assigned cases too: without it
  // the board is as the sweep's migration found it.
  const listIndexes = new CaseBoardListOrderIndexes1768000000200();
  const now = new Date('2026-06-01T00:00:00Z');
  const here = { lat: 42.9, lon: 71.37 };

  beforeAll(async () => {
    fx = await createEventStoreFixture('case_board_sweeps', {
      migrations: [
        RoadCaseReadModels1764400000000,
        CaseBoardSweepIndexes1768000000100,
        CaseBoardListOrderIndexes1768000000200,
      ],
    });
    const insert = (id: string, status: string, dueAt: string | null, overdue: boolean, lat = here.lat) =>
      `('${id}', 1, '${status}', 'Taraz', 'Tole bi 1', 'pothole', ${lat}, ${here.lon}, 'report',
        now() - interval '1 year', ${dueAt ? `'${dueAt}'` : 'NULL'}, ${overdue})`;
    // 100,000 closed cases of earlier years: enough that a pass through them shows even in a deduplicated index, which
    // keeps the row ids of many cases under one key (the sweep's read took 81 blocks without its index, 8 with it).
    await fx.dataSource.query(
      `INSERT INTO case_board (case_id, version, status, district, address, defect_type, lat, lon, source, opened_at, due_at, overdue)
       SELECT 'old-' || n, 1, 'closed', 'Taraz', 'Tole bi ' || n, 'pothole', 42.9, 71.37, 'report',
              now() - interval '2 years', now() - interval '2 years', n % 2 = 0
         FROM generate_series(1, 100000) AS n`,
    );
    // The assigned cases are open too, but far from the new report: it joins the one near it.
    await fx.dataSource.query(
      `INSERT INTO case_board (case_id, version, status, district, address, defect_type, lat, lon, source, opened_at, due_at, overdue)
       VALUES ${[
         insert('late-1', 'assigned', '2026-05-01T00:00:00Z', false, 44),
         insert('late-2', 'assigned', '2026-05-20T00:00:00Z', false, 44),
         insert('escalated', 'assigned', '2026-05-02T00:00:00Z', true, 44),
         insert('not-yet-due', 'assigned', '2026-07-01T00:00:00Z', false, 44),
         insert('open-near', 'verified', null, false),
         insert('open-far', 'opened', null, false, 43.5),
       ].join(', ')}`,
    );
    await fx.dataSource.query('ANALYZE case_board');
  });
  afterAll(() => fx?.close());

  /** What `read` returns, and how many blocks of the board and its indexes it touched. */
  const measure = tableIoMeter(() => fx, ['case_board']);
  const measured = <T>(read: (queries: CaseQueries) => Promise<T>) => measure((db) => read(new CaseQueries(db)));
  const sweep = () => measured((q) => q.overdueCandidates(now));
  const lookUp = () => measured((q) => q.openCaseToJoin('pothole', here));

  it('the sweep reads only the assigned cases not yet escalated, past their due date first', async () => {
    const { result, blocks } = await sweep();
    expect(result).toEqual(['late-1', 'late-2']);
    expect(blocks).toBeLessThanOrEqual(10);
  });

  it('a new report finds the open case near it, reading only the open cases of its type', async () => {
    const { result, blocks } = await lookUp();
    expect(result).toBe('open-near');
    expect(blocks).toBeLessThanOrEqual(10);
  });

  it('without the two indexes the same reads go through the old cases: what the migration ended', async () => {
    const runner = fx.dataSource.createQueryRunner();
    try {
      await listIndexes.down(runner);
      await sweepIndexes.down(runner);
      await fx.dataSource.query('ANALYZE case_board');
      const swept = await sweep();
      const found = await lookUp();
      expect(swept.result).toEqual(['late-1', 'late-2']);
      expect(found.result).toBe('open-near');
      expect(swept.blocks).toBeGreaterThan(50);
      expect(found.blocks).toBeGreaterThan(50);
    } finally {
      await sweepIndexes.up(runner);
      await listIndexes.up(runner);
      await runner.release();
    }
  });
});
