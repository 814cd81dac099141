import {
  column,
  computedColumn,
  dateColumn,
  internalColumn,
  moneyColumn,
  ReadModelColumns,
  sqlColumn,
} from './read-model-columns';

/** A table of every kind of column, and a stand-in for the database that keeps the SQL it is given. */
const things = new ReadModelColumns({
  thing_id: { ...column<string>('text', 'PRIMARY KEY'), as: 'id' },
  owner_bin: column<string>('text', 'NOT NULL'),
  cost_tiyn: moneyColumn('NOT NULL DEFAULT 0'),
  signed_at: dateColumn('NOT NULL'),
  ratio: column<number>('numeric'),
  tags: column<string[]>('jsonb', "NOT NULL DEFAULT '[]'"),
  from_km: internalColumn<number>('numeric', 'NOT NULL'),
  long: computedColumn<boolean>('from_km > 10'),
});
const recorder = () => {
  const calls: { sql: string; params?: unknown[] }[] = [];
  return { calls, query: async (sql: string, params?: unknown[]) => void calls.push({ sql, params }) };
};

describe("ReadModelColumns, one declaration of a read-model table's columns", () => {
  it('reads a plain column from its SQL definition: the type, what follows it, and the row key after AS', () => {
    expect(sqlColumn('text')).toEqual({ type: 'text' });
    expect(sqlColumn('double precision NOT NULL')).toEqual({ type: 'double precision', constraint: 'NOT NULL' });
    expect(sqlColumn("text[] NOT NULL DEFAULT '{}'")).toEqual({ type: 'text[]', constraint: "NOT NULL DEFAULT '{}'" });
    expect(sqlColumn('text PRIMARY KEY AS id')).toEqual({ type: 'text', constraint: 'PRIMARY KEY', as: 'id' });
    expect(sqlColumn('integer AS count')).toEqual({ type: 'integer', as: 'count' });
    expect(sqlColumn('bigint GENERATED ALWAYS AS IDENTITY')).toEqual({
      type: 'bigint',
      constraint: 'GENERATED ALWAYS AS IDENTITY',
    });
    for (const wrong of ['', 'TEXT NOT NULL', 'text not null', 'text NOT NULL AS'])
      expect(() => sqlColumn(wrong)).toThrow(`column definition ${JSON.stringify(wrong)} is not`);
  });

  it('gives a table declared by SQL definitions the same DDL, SELECT list and row keys as the object form', () => {
    const bySql = new ReadModelColumns({
      thing_id: 'text PRIMARY KEY AS id',
      owner_bin: 'text NOT NULL',
      ratio: 'numeric',
    });
    const byObject = new ReadModelColumns({
      thing_id: { type: 'text', constraint: 'PRIMARY KEY', as: 'id' },
      owner_bin: { type: 'text', constraint: 'NOT NULL' },
      ratio: { type: 'numeric' },
    });
    expect(bySql.createTable('s.t', ['owner_bin'])).toBe(byObject.createTable('s.t', ['owner_bin']));
    expect(bySql.select()).toBe(`thing_id AS "id", owner_bin AS "ownerBin", ratio::float8 AS "ratio"`);
    expect(bySql.select()).toBe(byObject.select());
    expect(bySql.names).toEqual(['thing_id', 'owner_bin', 'ratio']);
    expect(bySql.primaryKey()).toBe('thing_id');
    expect(() => new ReadModelColumns({ bad: 'TEXT' })).toThrow('column definition "TEXT" is not');
  });

  it('gives the column definitions in order, joined as asked, and the whole DDL with its indexes', () => {
    expect(things.definitions(', ')).toBe(
      "thing_id text PRIMARY KEY, owner_bin text NOT NULL, cost_tiyn bigint NOT NULL DEFAULT 0, signed_at date NOT NULL, ratio numeric, tags jsonb NOT NULL DEFAULT '[]', from_km numeric NOT NULL",
    );
    expect(things.definitions().split(',\n      ')).toHaveLength(7);
    expect(things.createTable('s.things', ['owner_bin'])).toBe(
      [
        'CREATE TABLE s.things (',
        '  thing_id text PRIMARY KEY,',
        '  owner_bin text NOT NULL,',
        '  cost_tiyn bigint NOT NULL DEFAULT 0,',
        '  signed_at date NOT NULL,',
        '  ratio numeric,',
        "  tags jsonb NOT NULL DEFAULT '[]',",
        '  from_km numeric NOT NULL',
        ');',
        'CREATE INDEX ON s.things (owner_bin)',
      ].join('\n'),
    );
    expect(things.names).toEqual(['thing_id', 'owner_bin', 'cost_tiyn', 'signed_at', 'ratio', 'tags', 'from_km']);
  });

  it('gives the SELECT list under the row keys: money as text, numeric as float8, dates as YYYY-MM-DD, internal left out', () => {
    expect(things.select()).toBe(
      `thing_id AS "id", owner_bin AS "ownerBin", cost_tiyn::text AS "costTiyn", ` +
        `to_char(signed_at, 'YYYY-MM-DD') AS "signedAt", ratio::float8 AS "ratio", tags, from_km > 10 AS "long"`,
    );
    expect(things.select(['thing_id', 'from_km'])).toBe(`thing_id AS "id", from_km::float8 AS "fromKm"`);
  });

  it('gives the cast a write binds a column with, and refuses a name that is no column', () => {
    expect(things.cast('signed_at')).toBe('date');
    expect(() => things.cast('long')).toThrow('no column long');
    expect(() => things.cast('nothing')).toThrow('no column nothing');
  });

  it('maps a selected row: money back to integer numbers, a missing amount left alone', () => {
    expect(things.row({ id: 't-1', costTiyn: '9007199254740991' })).toEqual({ id: 't-1', costTiyn: 9007199254740991 });
    expect(things.row({ id: 't-2', costTiyn: null })).toEqual({ id: 't-2', costTiyn: null });
  });

  it('inserts and upserts by row keys (jsonb as JSON text), or inserts what a SELECT over a set of rows gives', async () => {
    const db = recorder();
    await things.insert(db, 's.things', { id: 't-1', costTiyn: 5, fromKm: 1.5, tags: ['a'] });
    await things.upsert(db, 's.things', { id: 't-1', ownerBin: 'x', tags: [] });
    await things.insertSelect(
      db,
      's.things',
      { id: "'t-' || n", ownerBin: "'x'" },
      'FROM generate_series(1, $1) n',
      [3],
    );
    expect(db.calls).toEqual([
      {
        sql: 'INSERT INTO s.things (thing_id, cost_tiyn, from_km, tags) VALUES ($1, $2, $3, $4)',
        params: ['t-1', 5, 1.5, '["a"]'],
      },
      {
        sql: 'INSERT INTO s.things (thing_id, owner_bin, tags) VALUES ($1, $2, $3)\n     ON CONFLICT (thing_id) DO UPDATE SET owner_bin = EXCLUDED.owner_bin, tags = EXCLUDED.tags',
        params: ['t-1', 'x', '[]'],
      },
      {
        sql: "INSERT INTO s.things (thing_id, owner_bin) SELECT 't-' || n, 'x' FROM generate_series(1, $1) n",
        params: [3],
      },
    ]);
    expect(() => things.insert(db, 's.things', { nothing: 1 } as never)).toThrow('no column for nothing');
  });
});
