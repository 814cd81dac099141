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

  get clause(): string {
    return this.where.length ? `WHERE ${this.where.join(' AND ')}` : '';
  }
}

export interface Page {
  page: number;
  limit: number;
}

export const pageSql = (page: Page) => `LIMIT ${page.limit} OFFSET ${(page.page - 1) * page.limit}`;
