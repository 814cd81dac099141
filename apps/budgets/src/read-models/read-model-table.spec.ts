import { calendarDate, column, computed, hidden, money, readModelTable } from './read-model-table';

/** A table of the helper's every kind of field, and a stand-in for the database that keeps the SQL it is given. */
const table = readModelTable(
  {
    id: column<string>('text PRIMARY KEY', 'thing_id'),
    ownerBin: column<string>('text NOT NULL'),
    costTiyn: money('bigint NOT NULL DEFAULT 0'),
    signedAt: calendarDate('date NOT NULL'),
    fromKm: hidden<number>('numeric NOT NULL'),
    long: computed<boolean>('from_km > 10'),
  },
  ['owner_bin'],
);
const recorder = () => {
  const calls: { sql: string; params?: unknown[] }[] = [];
  return { calls, query: async (sql: string, params?: unknown[]) => void calls.push({ sql, params }) };
};

describe("readModelTable, one declaration of a table's columns", () => {
  it('gives the DDL: every stored column in order, named in snake_case unless it says otherwise, then the indexes', () => {
    expect(table.createTable('s.things')).toBe(
      [
        'CREATE TABLE s.things (',
        '  thing_id text PRIMARY KEY,',
        '  owner_bin text NOT NULL,',
        '  cost_tiyn bigint NOT NULL DEFAULT 0,',
        '  signed_at date NOT NULL,',
        '  from_km numeric NOT NULL',
        ');',
        'CREATE INDEX ON s.things (owner_bin)',
      ].join('\n'),
    );
  });

  it('gives the SELECT list under the field names: money as text, dates as YYYY-MM-DD, hidden columns left out', () => {
    expect(table.columns).toBe(
      `thing_id AS "id", owner_bin AS "ownerBin", cost_tiyn::text AS "costTiyn", ` +
        `to_char(signed_at, 'YYYY-MM-DD') AS "signedAt", from_km > 10 AS "long"`,
    );
  });

  it('maps a selected row: money back to integer numbers, a missing amount left alone', () => {
    expect(table.row({ id: 't-1', costTiyn: '9007199254740991' })).toEqual({ id: 't-1', costTiyn: 9007199254740991 });
    expect(table.row({ id: 't-2', costTiyn: null })).toEqual({ id: 't-2', costTiyn: null });
  });

  it('inserts the fields given, by their columns, as parameters or as SQL over a set of rows', async () => {
    const db = recorder();
    await table.insert(db, 's.things', { id: 't-1', costTiyn: 5, fromKm: 1.5 });
    await table.insertSelect(
      db,
      's.things',
      { id: "'t-' || n", ownerBin: "'x'" },
      'FROM generate_series(1, $1) n',
      [3],
    );
    expect(db.calls).toEqual([
      { sql: 'INSERT INTO s.things (thing_id, cost_tiyn, from_km) VALUES ($1, $2, $3)', params: ['t-1', 5, 1.5] },
      {
        sql: "INSERT INTO s.things (thing_id, owner_bin) SELECT 't-' || n, 'x' FROM generate_series(1, $1) n",
        params: [3],
      },
    ]);
  });
});
