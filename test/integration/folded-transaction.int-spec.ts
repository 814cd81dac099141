import { transactionOpenedWith } from '@app/platform';
import { createEventStoreFixture, type EventStoreFixture } from '@app/testing';

// transactionOpenedWith (libs/platform) sends BEGIN with the first read and COMMIT with an optional last statement.
describe('a transaction opened with its first read', () => {
  let fx: EventStoreFixture;

  beforeAll(async () => {
    fx = await createEventStoreFixture('folded');
    await fx.dataSource.query(`CREATE TABLE "${fx.schema}".folded_notes (note text PRIMARY KEY)`);
  });
  afterAll(() => fx?.close());

  const notes = async () =>
    (await fx.dataSource.query(`SELECT note FROM "${fx.schema}".folded_notes ORDER BY note`)).map(
      (r: { note: string }) => r.note,
    );

  it('commits the work and the last statement together, and hands the work the first read', async () => {
    const seen = await transactionOpenedWith(
      fx.dataSource,
      'BEGIN',
      `SELECT 'first' AS word`,
      async (manager, rows) => {
        await manager.query(`INSERT INTO "${fx.schema}".folded_notes (note) VALUES ($1)`, ['a']);
        return rows[0].word;
      },
      () => `INSERT INTO "${fx.schema}".folded_notes (note) VALUES ('b')`,
    );
    expect(seen).toBe('first');
    expect(await notes()).toEqual(['a', 'b']);
  });

  it('rolls back everything when the last statement fails', async () => {
    await expect(
      transactionOpenedWith(
        fx.dataSource,
        'BEGIN',
        'SELECT 1',
        (manager) => manager.query(`INSERT INTO "${fx.schema}".folded_notes (note) VALUES ('c')`),
        () => `INSERT INTO "${fx.schema}".folded_notes (note) VALUES ('a')`,
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await notes()).toEqual(['a', 'b']);
  });

  it('refuses to report success for a transaction an error inside aborted, even when the work swallowed it', async () => {
    await expect(
      transactionOpenedWith(fx.dataSource, 'BEGIN', 'SELECT 1', async (manager) => {
        await manager.query(`INSERT INTO "${fx.schema}".folded_notes (note) VALUES ('d')`);
        await manager.query(`INSERT INTO "${fx.schema}".folded_notes (note) VALUES ('a')`).catch(() => undefined);
      }),
    ).rejects.toThrow(/rolled back at COMMIT/);
    expect(await notes()).toEqual(['a', 'b']);
  });
});
