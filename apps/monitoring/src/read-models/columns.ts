/**
 * A board's columns, stated once: its DDL, its SELECT lists and the casts of its writes derive from the one list, so
 * a column is added or renamed in one place. A row names a column in camelCase unless the column says otherwise.
 */
export interface Column {
  /** Its SQL type and constraints; none for a value only the SELECT computes (it is no column of the table). */
  sql?: string;
  /** The row's member, when not the column's name in camelCase. */
  as?: string;
  /** What the SELECT reads, when not the column itself. */
  select?: string;
}

export type Columns = Record<string, Column>;

const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The column definitions of CREATE TABLE, in the list's order. */
export function columnDefinitions(columns: Columns): string {
  return Object.entries(columns)
    .filter(([, column]) => column.sql)
    .map(([name, column]) => `${name} ${column.sql}`)
    .join(',\n      ');
}

/** The SELECT list of the given columns (all of them by default), each named as its row's member. */
export function selectList<C extends Columns>(columns: C, names: (keyof C & string)[] = Object.keys(columns)): string {
  return names
    .map((name) => {
      const { as = camelCase(name), select = name } = columns[name];
      return as === select ? as : `${select} AS "${as}"`;
    })
    .join(', ');
}

/** The type a written value is cast to (`$3::timestamptz`): the column's SQL type without its constraints. */
export function castOf(columns: Columns, name: string): string {
  return columns[name].sql!.split(' ')[0];
}
