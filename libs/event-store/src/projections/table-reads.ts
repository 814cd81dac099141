import type { DataSource } from 'typeorm';
import { listPage, type ListFilter, type ListPage, type Page, type Queryable } from '@app/platform';

type Raw = Record<string, unknown>;

/**
 * The two reads every board's queries have: a page of its rows under a filter, and one row by its key, both with the
 * board's SELECT list and each row mapped as the API gives it (money as integers, a computed balance).
 */
export class TableReads<R> {
  constructor(
    private readonly table: string,
    private readonly key: string,
    private readonly columns: string,
    /** What the API gives of a selected row; R is its shape, which SQL text cannot tell the compiler. */
    private readonly row: (raw: Raw) => unknown = (raw) => raw,
  ) {}

  /** The page, in `orderBy` order (ending in a unique column, so pages never overlap), and the total. */
  page(db: DataSource, filter: ListFilter, orderBy: string, page: Page): Promise<ListPage<R>> {
    return listPage<R>(db, { table: this.table, columns: this.columns, filter, orderBy, page }, this.row);
  }

  async one(db: Queryable, id: string): Promise<R | undefined> {
    const [raw] = (await db.query(`SELECT ${this.columns} FROM ${this.table} WHERE ${this.key} = $1`, [id])) as Raw[];
    return raw ? (this.row(raw) as R) : undefined;
  }
}
