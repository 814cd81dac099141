/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner (TypeORM's own query signature). */
export interface Queryable {
  // Rows come back untyped, as from TypeORM and pg; each caller states the shape of the rows it reads.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: unknown[]): Promise<any>;
}
