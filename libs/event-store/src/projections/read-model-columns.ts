import type { Queryable } from '@app/platform';

/**
 * A read-model table's columns, stated once: its DDL, the SELECT lists of its queries (each column under its row
 * key), the casts and column lists of its projection's writes and the mapping of a selected row all derive from one
 * declaration, so a column is added in one place. A column's row key is its name in camelCase unless it says `as`.
 *
 * A plain column is its SQL definition as a string, written as the DDL has it: the type in lower case, then what
 * follows it in upper case, and ` AS key` at the end for a row key other than the camelCase name
 * (`'text PRIMARY KEY AS id'`, `'double precision NOT NULL'`). The object form is for what SQL does not say
 * (`internal`) and for a row value typed other than by its SQL type (`column<T>()`).
 *
 * How a column is read follows from its SQL type: a bigint (integer tiyn, which pg returns as text) is selected as
 * text and made a number again by `row()`, a numeric as float8 (a JS number), a date as YYYY-MM-DD (never a Date at
 * midnight somewhere); every other type as stored.
 */
export interface StoredColumn<T = unknown> {
  /** Its SQL type, which is also the cast a write binds its value with. */
  type: string;
  /** What the DDL says after the type: NOT NULL, PRIMARY KEY, a default. */
  constraint?: string;
  /** Its key in the rows the queries return, when not its name in camelCase. */
  as?: string;
  /** Written and queried, but not in the full row the queries return (a narrower view may still select it). */
  internal?: true;
  /** Only for the type: what the row holds. */
  readonly value?: T;
}

/** A member of the row the SELECT computes from other columns (a flag, an object): no column of the table. */
export interface ComputedColumn<T = unknown> {
  select: string;
  as?: string;
  readonly value?: T;
}

export type ColumnDeclaration = string | StoredColumn | ComputedColumn;
type Declarations = Record<string, ColumnDeclaration>;
type Declared = Record<string, StoredColumn | ComputedColumn>;

// The type is one lower-case word (or `double precision`, `character varying`), maybe an array; what follows it
// starts upper case; ` AS key` ends it, the key a row member's name (lower case first, so SQL's own `AS IDENTITY`
// stays part of what follows the type).
const SQL_COLUMN =
  /^([a-z][a-z0-9_]*(?: precision| varying)?(?:\[\])?)(?: (?!AS )([A-Z].*?))?(?: AS ([a-z][A-Za-z0-9_]*))?$/;

/** A column from its SQL definition (`'text NOT NULL'`, `'text PRIMARY KEY AS id'`); refused unless it reads so. */
export function sqlColumn(definition: string): StoredColumn {
  const match = / AS$/.test(definition) ? null : SQL_COLUMN.exec(definition);
  if (!match) throw new Error(`column definition ${JSON.stringify(definition)} is not "type [CONSTRAINT …] [AS key]"`);
  const [, type, constraint, as] = match;
  return { type, ...(constraint ? { constraint } : {}), ...(as ? { as } : {}) };
}

/** A column whose row value has the type T (read as its SQL type says). */
export const column = <T>(type: string, constraint?: string): StoredColumn<T> => ({ type, constraint });
/** Integer tiyn in a bigint column: a number in the row. */
export const moneyColumn = (constraint?: string): StoredColumn<number> => ({ type: 'bigint', constraint });
/** A date column: the row holds it as YYYY-MM-DD. */
export const dateColumn = (constraint?: string): StoredColumn<string> => ({ type: 'date', constraint });
/** A column written and queried, but read into the full row only through a computed member. */
export const internalColumn = <T>(type: string, constraint?: string): StoredColumn<T> & { internal: true } => ({
  type,
  constraint,
  internal: true,
});
export const computedColumn = <T>(select: string): ComputedColumn<T> => ({ select });

// No type here derives a row key from a column name (a template-literal type would): such types make the checker
// create literal types ('paid', 'open', …) early and so reorder the unions the OpenAPI documents are written from.
type StoredNames<C extends Declarations> = {
  [N in keyof C & string]: C[N] extends string | { type: string } ? N : never;
}[keyof C & string];
/** What a write may set: the stored columns by row key (unknown keys are refused when the write runs). */
type Values = object;

/** The names a table's columns are declared by, computed members included (`ColumnNameOf<typeof caseBoardColumns>`). */
export type ColumnNameOf<T> = T extends ReadModelColumns<infer C> ? keyof C & string : never;

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const isStored = (column: StoredColumn | ComputedColumn): column is StoredColumn => 'type' in column;

/** What a SELECT reads for a stored column, by its type. */
function readOf(name: string, column: StoredColumn): string {
  if (column.type === 'bigint') return `${name}::text`;
  if (column.type === 'numeric') return `${name}::float8`;
  if (column.type === 'date') return `to_char(${name}, 'YYYY-MM-DD')`;
  return name;
}

export class ReadModelColumns<const C extends Declarations> {
  /** The stored columns' names, in the declaration's order (the computed members are no columns). */
  readonly names: StoredNames<C>[];
  private readonly moneyKeys: string[];
  private readonly columnOfKey = new Map<string, string>();
  private readonly columns: Declared;

  constructor(declarations: C) {
    this.columns = Object.fromEntries(
      Object.entries(declarations).map(([name, c]) => [name, typeof c === 'string' ? sqlColumn(c) : c]),
    );
    const stored = Object.entries(this.columns).filter(([, c]) => isStored(c)) as [StoredNames<C>, StoredColumn][];
    this.names = stored.map(([name]) => name);
    for (const [name] of stored) this.columnOfKey.set(this.key(name), name);
    this.moneyKeys = stored.filter(([, c]) => c.type === 'bigint').map(([name]) => this.key(name));
  }

  /** The column definitions of its CREATE TABLE, in order, joined by `separator` (by default one a line, as they
   * sit in a projection's CREATE TABLE template). */
  definitions(separator = ',\n      '): string {
    return this.stored()
      .map(([name, c]) => `${name} ${c.type}${c.constraint ? ` ${c.constraint}` : ''}`)
      .join(separator);
  }

  /** The whole DDL in the plain layout: CREATE TABLE with its columns one a line, then an index on each list given. */
  createTable(qualifiedTable: string, indexes: string[] = []): string {
    return [
      `CREATE TABLE ${qualifiedTable} (\n  ${this.definitions(',\n  ')}\n)`,
      ...indexes.map((on) => `CREATE INDEX ON ${qualifiedTable} (${on})`),
    ].join(';\n');
  }

  /** The type a write casts a value of the column to (`$3::timestamptz`). */
  cast(name: string): string {
    const column = this.columns[name];
    if (!column || !isStored(column)) throw new Error(`no column ${name}`);
    return column.type;
  }

  /** The row key of a column. */
  key(name: string): string {
    return this.columns[name]?.as ?? camelCase(name);
  }

  /** The SELECT list of the named columns (by default the full row: every one not internal), under their row keys. */
  select(names?: readonly (keyof C & string)[]): string {
    const chosen =
      names ?? Object.entries(this.columns).flatMap(([name, c]) => (isStored(c) && c.internal ? [] : [name]));
    return chosen
      .map((name) => {
        const column = this.columns[name];
        const read = isStored(column) ? readOf(name, column) : column.select;
        const key = this.key(name);
        return read === key ? key : `${read} AS "${key}"`;
      })
      .join(', ');
  }

  /** A selected row as the API gives it (its type `R` as the module declares it): money back to integer numbers. */
  row<R = Record<string, unknown>>(raw: Record<string, unknown>): R {
    for (const key of this.moneyKeys) if (raw[key] !== null && raw[key] !== undefined) raw[key] = Number(raw[key]);
    return raw as R;
  }

  /** INSERT INTO the table: the columns of the row keys given, then what gives their values (VALUES or a SELECT). */
  insertInto(qualifiedTable: string, keys: string[], values: string): string {
    return `INSERT INTO ${qualifiedTable} (${keys.map((k) => this.columnOf(k)).join(', ')}) ${values}`;
  }

  /** Inserts one row; the columns left out take their default. A jsonb value travels as JSON text. */
  insert(db: Queryable, qualifiedTable: string, values: Values) {
    const { keys, params } = this.given(values);
    return db.query(this.insertInto(qualifiedTable, keys, `VALUES (${this.placeholders(keys)})`), params);
  }

  /** Inserts one row, or replaces every given column of the row with its primary key. */
  upsert(db: Queryable, qualifiedTable: string, values: Values) {
    const { keys, params } = this.given(values);
    const primaryKey = this.primaryKey();
    const updates = keys
      .map((k) => this.columnOf(k))
      .filter((name) => name !== primaryKey)
      .map((name) => `${name} = EXCLUDED.${name}`);
    return db.query(
      `${this.insertInto(qualifiedTable, keys, `VALUES (${this.placeholders(keys)})`)}
     ON CONFLICT (${primaryKey}) DO UPDATE SET ${updates.join(', ')}`,
      params,
    );
  }

  /** Inserts the rows `from` yields (`FROM generate_series(...) n`), each column as an SQL expression over them. */
  insertSelect(
    db: Queryable,
    qualifiedTable: string,
    expressions: Record<string, string>,
    from: string,
    params: unknown[] = [],
  ) {
    const keys = Object.keys(expressions);
    const select = `SELECT ${keys.map((k) => (expressions as Record<string, string>)[k]).join(', ')} ${from}`;
    return db.query(this.insertInto(qualifiedTable, keys, select), params);
  }

  /** The name of the column declared PRIMARY KEY. */
  primaryKey(): string {
    const key = this.stored().find(([, c]) => c.constraint?.includes('PRIMARY KEY'));
    if (!key) throw new Error('no PRIMARY KEY column');
    return key[0];
  }

  private columnOf(key: string): string {
    const name = this.columnOfKey.get(key);
    if (!name) throw new Error(`no column for ${key}`);
    return name;
  }

  private given(values: Values) {
    const entries = Object.entries(values as Record<string, unknown>);
    return {
      keys: entries.map(([key]) => key),
      params: entries.map(([key, value]) =>
        this.cast(this.columnOf(key)) === 'jsonb' && value !== null ? JSON.stringify(value) : value,
      ),
    };
  }

  private placeholders(keys: string[]): string {
    return keys.map((_, i) => `$${i + 1}`).join(', ');
  }

  private stored(): [string, StoredColumn][] {
    return Object.entries(this.columns).filter((entry): entry is [string, StoredColumn] => isStored(entry[1]));
  }
}
