import type { Queryable } from '@app/platform';

/**
 * A read-model table's columns, stated once: the DDL, the SELECT list (the row's field names as aliases), the row
 * mapper and the INSERT column lists all derive from one declaration, so adding a column is one line, not four.
 * A field's column is its name in snake_case unless it says otherwise.
 */
/** How a SELECT reads a column: as stored, integer tiyn (a bigint, which pg gives as text), a calendar date, or not. */
type Reading = 'as-is' | 'money' | 'date' | 'hidden';

interface StoredColumn<T, R extends Reading = Reading> {
  kind: 'stored';
  /** The SQL type and constraints of the DDL. */
  type: string;
  /** The column's name when it is not the field's name in snake_case. */
  name?: string;
  read: R;
  /** Only for the type: what the field holds. */
  readonly value?: T;
}

/** A field read from other columns (a flag, an object), never written. */
interface ComputedField<T> {
  kind: 'computed';
  sql: string;
  readonly value?: T;
}

type Field = StoredColumn<unknown> | ComputedField<unknown>;

/** A column whose value is read as stored (text, integer, timestamptz as a Date, arrays). */
export const column = <T>(type: string, name?: string): StoredColumn<T, 'as-is'> => ({
  kind: 'stored',
  type,
  name,
  read: 'as-is',
});
/** Integer tiyn in a bigint column: a number in the row. */
export const money = (type: string): StoredColumn<number, 'money'> => ({ kind: 'stored', type, read: 'money' });
/** A date column: the row holds it as YYYY-MM-DD, never a Date at midnight somewhere. */
export const calendarDate = (type: string): StoredColumn<string, 'date'> => ({ kind: 'stored', type, read: 'date' });
/** A column written and queried, but read into the row only through a computed field. */
export const hidden = <T>(type: string): StoredColumn<T, 'hidden'> => ({ kind: 'stored', type, read: 'hidden' });
export const computed = <T>(sql: string): ComputedField<T> => ({ kind: 'computed', sql });

type ValueOf<F> = F extends { readonly value?: infer T } ? T : never;

/** The row a SELECT of the table's columns gives, after `row()`. */
export type RowOf<Fields extends Record<string, Field>> = {
  [K in keyof Fields as Fields[K] extends { read: 'hidden' } ? never : K]: ValueOf<Fields[K]>;
};

/** What an INSERT may set: the stored columns, by field name (a timestamp also as the ISO 8601 text events carry). */
export type ValuesOf<Fields extends Record<string, Field>> = {
  [K in keyof Fields as Fields[K] extends { kind: 'stored' } ? K : never]?: ValueOf<Fields[K]> extends Date
    ? Date | string
    : ValueOf<Fields[K]>;
};

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function readModelTable<Fields extends Record<string, Field>>(fields: Fields, indexes: string[] = []) {
  const stored = Object.entries(fields).flatMap(([field, f]) =>
    f.kind === 'stored' ? [{ field, column: f.name ?? snakeCase(field), ...f }] : [],
  );
  const columnOf = (field: string) => stored.find((c) => c.field === field)?.column ?? field;
  const selected = Object.entries(fields).flatMap(([field, f]): string[] => {
    if (f.kind === 'computed') return [`${f.sql} AS "${field}"`];
    const name = columnOf(field);
    if (f.read === 'hidden') return [];
    if (f.read === 'money') return [`${name}::text AS "${field}"`];
    if (f.read === 'date') return [`to_char(${name}, 'YYYY-MM-DD') AS "${field}"`];
    return [name === field ? name : `${name} AS "${field}"`];
  });
  const moneyFields = stored.filter((c) => c.read === 'money').map((c) => c.field);

  /** INSERT INTO the table: its columns for the fields given, then what gives their values (VALUES or a SELECT). */
  const insertInto = (qualifiedTable: string, fieldNames: string[], values: string) =>
    `INSERT INTO ${qualifiedTable} (${fieldNames.map(columnOf).join(', ')}) ${values}`;

  return {
    createTable: (qualifiedTable: string) =>
      [
        `CREATE TABLE ${qualifiedTable} (\n${stored.map((c) => `  ${c.column} ${c.type}`).join(',\n')}\n)`,
        ...indexes.map((on) => `CREATE INDEX ON ${qualifiedTable} (${on})`),
      ].join(';\n'),
    /** The SELECT list: every field of the row, under its field name. */
    columns: selected.join(', '),
    /** A selected row as the API gives it: money back to integer numbers (pg returns bigint as text). */
    row(raw: Record<string, unknown>): RowOf<Fields> {
      for (const field of moneyFields)
        if (raw[field] !== null && raw[field] !== undefined) raw[field] = Number(raw[field]);
      return raw as RowOf<Fields>;
    },
    /** Inserts one row; the fields left out take their column's default. */
    insert(db: Queryable, qualifiedTable: string, values: ValuesOf<Fields>) {
      const given = Object.entries(values);
      const placeholders = given.map((_, i) => `$${i + 1}`).join(', ');
      return db.query(
        insertInto(
          qualifiedTable,
          given.map(([field]) => field),
          `VALUES (${placeholders})`,
        ),
        given.map(([, value]) => value),
      );
    },
    /** Inserts the rows `from` yields (`FROM generate_series(...) n`), each field as an SQL expression over them. */
    insertSelect(
      db: Queryable,
      qualifiedTable: string,
      expressions: { [K in keyof ValuesOf<Fields>]: string },
      from: string,
      params: unknown[] = [],
    ) {
      const fieldNames = Object.keys(expressions);
      const select = `SELECT ${fieldNames.map((f) => (expressions as Record<string, string>)[f]).join(', ')} ${from}`;
      return db.query(insertInto(qualifiedTable, fieldNames, select), params);
    },
  };
}
