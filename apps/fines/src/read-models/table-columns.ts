/** One column of a read-model table. */
export interface Column {
  /** Its SQL type, which is also the cast a write binds its value with. */
  type: string;
  /** What the DDL says after the type: NOT NULL, PRIMARY KEY, a default. */
  constraint?: string;
  /** The key it has in the rows the queries return, when not the camelCase of its name. */
  as?: string;
  /** Kept for stats and narrower views, not in the full row the queries return. */
  internal?: true;
}

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** How a SELECT reads a column: bigint money as text (withMoney makes it a number), numeric as a JS number. */
function read(name: string, column: Column): string {
  const cast = column.type === 'bigint' ? '::text' : column.type === 'numeric' ? '::float8' : '';
  const key = column.as ?? camelCase(name);
  return key === name && !cast ? name : `${name}${cast} AS ${key === key.toLowerCase() ? key : `"${key}"`}`;
}

/**
 * A read-model table's columns, stated once: its DDL, the casts of its projection's writes and the SELECT lists of
 * its queries derive from this, so a column is added in one place.
 */
export class TableColumns<Name extends string> {
  constructor(private readonly columns: Record<Name, Column>) {}

  /** The column definitions of its CREATE TABLE, in order. */
  get ddl(): string {
    return this.entries()
      .map(([name, c]) => `${name} ${c.type}${c.constraint ? ` ${c.constraint}` : ''}`)
      .join(',\n      ');
  }

  /** The column names, in order. */
  get names(): Name[] {
    return this.entries().map(([name]) => name);
  }

  /** The type a write casts a value of the column to. */
  cast(name: string): string {
    const column = (this.columns as Record<string, Column | undefined>)[name];
    if (!column) throw new Error(`no column ${name}`);
    return column.type;
  }

  /** The SELECT list of the named columns (by default the full row: every column not internal) under their row keys. */
  select(names?: readonly Name[]): string {
    const chosen = names ?? this.entries().flatMap(([name, c]) => (c.internal ? [] : [name]));
    return chosen.map((name) => read(name, this.columns[name])).join(', ');
  }

  private entries(): [Name, Column][] {
    return Object.entries(this.columns) as [Name, Column][];
  }
}
