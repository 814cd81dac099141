import type { DataSource } from 'typeorm';

/** WHERE clause built from optional filters with numbered parameters. */
export class ListFilter {
  readonly params: unknown[] = [];
  private readonly where: string[] = [];

  /** `sql` holds one `?` for the value; an undefined value adds nothing. */
  add(sql: string, value: unknown): this {
    if (value === undefined) return this;
    this.params.push(value);
    this.where.push(sql.replace('?', `$${this.params.length}`));
    return this;
  }

  /** A condition that always applies (no value). */
  always(sql: string): this {
    this.where.push(sql);
    return this;
  }

  get clause(): string {
    return this.where.length ? `WHERE ${this.where.join(' AND ')}` : '';
  }
}

export interface Page {
  page: number;
  limit: number;
}

/** A page of rows; R is the shape the caller's columns select (after `map`), which SQL text cannot tell the compiler. */
export interface ListPage<R> {
  items: R[];
  page: number;
  limit: number;
  total: number;
}

/**
 * One page of a read-model table: the rows the filter matches in `orderBy` order (which must end in a unique column,
 * so pages never overlap), and how many there are in all.
 */
export async function listPage<R = Record<string, unknown>>(
  db: DataSource,
  query: { table: string; columns: string; filter: ListFilter; orderBy: string; page: Page },
  map: (row: Record<string, unknown>) => unknown = (row) => row,
): Promise<ListPage<R>> {
  const { table, columns, filter, orderBy, page } = query;
  // The count and the page read one snapshot: apart, a row committed between them was on the page but not in the
  // total (seen under load: a page holding the case its total said was not there).
  return db.transaction('REPEATABLE READ', async (manager) => {
    const [{ total }] = await manager.query(
      `SELECT count(*)::int AS total FROM ${table} ${filter.clause}`,
      filter.params,
    );
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${columns} FROM ${table} ${filter.clause} ORDER BY ${orderBy} LIMIT ${page.limit} OFFSET ${(page.page - 1) * page.limit}`,
      filter.params,
    );
    return { items: rows.map(map) as R[], page: page.page, limit: page.limit, total };
  });
}
