import type { ComponentChildren } from 'preact';
import { Pager } from './pager.component';

/** A column's heading; a sum's is set as its cells are (`money`). */
export type Column = string | { label: string; money: true };

/**
 * One page of a list the service pages: how many there are in all (read out as a status), the page's rows as a
 * table captioned by the list's title, what goes with them (a map), and the pager.
 */
export function ResultsTable<T>(props: {
  title: string;
  count: string;
  list: { items: readonly T[]; total: number };
  columns: readonly Column[];
  row: (item: T) => ComponentChildren;
  testId?: string;
  after?: ComponentChildren;
  page: number;
  limit: number;
  onPage: (page: number) => void;
}) {
  const { list } = props;
  return (
    <>
      <p role="status">{props.count}</p>
      {list.items.length > 0 && (
        <>
          <div class="table-wrap">
            <table class="cases" data-testid={props.testId}>
              <caption class="visually-hidden">{props.title}</caption>
              <thead>
                <tr>
                  {props.columns.map((column) =>
                    typeof column === 'string' ? (
                      <th key={column} scope="col">
                        {column}
                      </th>
                    ) : (
                      <th key={column.label} scope="col" class="money">
                        {column.label}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody>{list.items.map(props.row)}</tbody>
            </table>
          </div>
          {props.after}
        </>
      )}
      <Pager what={props.title} page={props.page} limit={props.limit} total={list.total} onPage={props.onPage} />
    </>
  );
}
