import type { ComponentChildren } from 'preact';

/** A column's heading; a sum's is set as its cells are (`money`). */
export type Column = string | { label: string; money: true };

/**
 * A table of records, one row each: its column headings, its rows, and what it is called — a caption (read out,
 * not shown) or a heading of the page. A table named by an id (`labelledBy`, its caption's own or a heading's) is a
 * region a keyboard can scroll when it is wider than the screen.
 */
export function DataTable<T>(props: {
  columns: readonly Column[];
  items: readonly T[];
  row: (item: T) => ComponentChildren;
  testId?: string;
  caption?: string;
  /** The caption's id, which then names the region. */
  captionId?: string;
  /** The id of the heading that names it, when it has no caption. */
  labelledBy?: string;
}) {
  const labelledBy = props.labelledBy ?? props.captionId;
  const region = labelledBy ? ({ role: 'region', 'aria-labelledby': labelledBy, tabIndex: 0 } as const) : {};
  return (
    <div class="table-wrap" {...region}>
      <table class="cases" data-testid={props.testId}>
        {props.caption !== undefined && (
          <caption id={props.captionId} class="visually-hidden">
            {props.caption}
          </caption>
        )}
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
        <tbody>{props.items.map(props.row)}</tbody>
      </table>
    </div>
  );
}
