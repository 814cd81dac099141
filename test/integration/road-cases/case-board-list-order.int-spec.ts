import { createEventStoreFixture, tableIoMeter, type EventStoreFixture } from '@app/testing';
import { CaseBoardListOrderIndexes1768000000200 } from '../../../apps/road-cases/src/read-models/case-board/case-board-list-order-indexes.migration';
import { CaseQueries } from '../../../apps/road-cases/src/read-models/case-board/case-board.queries';
import { RoadCaseReadModels1764400000000 } from '../../../apps/road-cases/src/read-models/road-case-projections';

// The staff's case list (GET /cases) pages the board newest first. The board keeps a row for every case ever opened,
// so a first page must read its own rows, not the whole board: with no index in the list's order, `?status=rejected`
// went through a whole index and the unfiltered list read and sorted the board, costs that grew with the service's
// age (166 and 2,124 blocks at 100,000 cases; 18 and 88 now, 82 of them the unfiltered count's). An open status was
// already served by the open cases' partial index, whose WHERE it implies, so the test asks for a closed one.
describe("the staff's case list, newest first, on a board of many old cases", () => {
  let fx: EventStoreFixture;
  const listIndexes = new CaseBoardListOrderIndexes1768000000200();
  const recent = (n: number) => `2026-05-${String(n).padStart(2, '0')}T00:00:00Z`;

  beforeAll(async () => {
    fx = await createEventStoreFixture('case_board_list_order', {
      migrations: [RoadCaseReadModels1764400000000, CaseBoardListOrderIndexes1768000000200],
    });
    // 100,000 closed cases of earlier years, each opened a minute before the next.
    await fx.dataSource.query(
      `INSERT INTO case_board (case_id, version, status, district, address, defect_type, lat, lon, source, opened_at)
       SELECT 'old-' || n, 1, 'closed', 'Taraz', 'Tole bi ' || n, 'pothole', 42.9, 71.37, 'report',
              timestamptz '2024-01-01' + n * interval '1 minute'
         FROM generate_series(1, 100000) AS n`,
    );
    // This month's: 25 rejected (two opened at the same moment, ordered by id) and 5 opened.
    const rows = [
      ...Array.from({ length: 25 }, (_, i) => [`rejected-${String(i + 1).padStart(2, '0')}`, 'rejected', i + 1]),
      ['rejected-00', 'rejected', 25],
      ...Array.from({ length: 5 }, (_, i) => [`opened-${i + 1}`, 'opened', i + 1]),
    ] as [string, string, number][];
    await fx.dataSource.query(
      `INSERT INTO case_board (case_id, version, status, district, address, defect_type, lat, lon, source, opened_at)
       VALUES ${rows
         .map(
           ([id, status, day]) =>
             `('${id}', 1, '${status}', 'Taraz', 'Abai 1', 'pothole', 42.9, 71.37, 'report', '${recent(day)}')`,
         )
         .join(', ')}`,
    );
    await fx.dataSource.query('VACUUM ANALYZE case_board');
  });
  afterAll(() => fx?.close());

  /** What `read` returns, and how many blocks of the board and its indexes it touched. */
  const measured = tableIoMeter(() => fx, ['case_board']);
  const rejected = () => measured((db) => new CaseQueries(db).list({ status: 'rejected', page: 1, limit: 20 }));
  const unfiltered = () => measured((db) => new CaseQueries(db).list({ page: 1, limit: 20 }));
  // The unfiltered list's count reads the whole board whatever the indexes: its page must add only a few blocks.
  const countAlone = () => measured((db) => db.query('SELECT count(*)::int AS total FROM case_board'));
  const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);
  const newestRejected = [
    'rejected-00',
    'rejected-25',
    ...Array.from({ length: 18 }, (_, i) => `rejected-${String(24 - i).padStart(2, '0')}`),
  ];

  it('?status= reads only the cases of the status: its first page and its count', async () => {
    const { result, blocks } = await rejected();
    expect(ids(result)).toEqual(newestRejected);
    expect(result.total).toBe(26);
    expect(blocks).toBeLessThanOrEqual(20);
  });

  it('the unfiltered first page adds only its own rows to the count of the board', async () => {
    const counted = await countAlone();
    const { result, blocks } = await unfiltered();
    expect(result.total).toBe(100031);
    expect(ids(result).slice(0, 3)).toEqual(['rejected-00', 'rejected-25', 'rejected-24']);
    expect(blocks - counted.blocks).toBeLessThanOrEqual(15);
  });

  it('without the two indexes both pages read and sort the whole board: what the migration ended', async () => {
    const runner = fx.dataSource.createQueryRunner();
    try {
      await listIndexes.down(runner);
      await fx.dataSource.query('ANALYZE case_board');
      const filtered = await rejected();
      const counted = await countAlone();
      const all = await unfiltered();
      expect(ids(filtered.result)).toEqual(newestRejected);
      expect(all.result.total).toBe(100031);
      expect(filtered.blocks).toBeGreaterThan(100);
      expect(all.blocks - counted.blocks).toBeGreaterThan(1000);
    } finally {
      await listIndexes.up(runner);
      await runner.release();
    }
  });
});
