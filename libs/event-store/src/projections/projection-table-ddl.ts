/** An index of a read-model table: its column list, or its column list and the WHERE of a partial index. */
export type TableIndex = string | readonly [on: string, where: string];

/**
 * A read-model table's DDL in the layout the projections have always sent (and their migrations ran): a newline,
 * `CREATE TABLE` indented by 4, the definitions one a line indented by 6, `)` indented by 4, then each index as a
 * statement of its own. A rebuild and a migration create the table from the same text.
 */
export function projectionTableDdl(
  qualifiedTable: string,
  definitions: readonly string[],
  indexes: readonly TableIndex[] = [],
): string {
  const created = `\n    CREATE TABLE ${qualifiedTable} (\n      ${definitions.join(',\n      ')}\n    )`;
  return [created, ...indexes.map((index) => `\n    CREATE INDEX ON ${qualifiedTable} ${indexed(index)}`)].join(';');
}

const indexed = (index: TableIndex) => (typeof index === 'string' ? `(${index})` : `(${index[0]}) WHERE ${index[1]}`);
