import type { ComponentChildren } from 'preact';

/**
 * A column: its heading and what its cell shows of each record. A sum's column is set as sums are (`money`), its
 * heading too unless `money` is 'cells'.
 */
export interface Column<T> {
  label: string;
  cell: (item: T) => ComponentChildren;
  money?: true | 'cells';
}

export interface DataTableProps<T> {
  columns: readonly Column<T>[];
  items: readonly T[];
  rowKey: (item: T) => string;
  keyAttribute?: `data-${string}`;
  testId?: string;
  caption?: string;
  /** The caption's id, which then names the region. */
  captionId?: string;
  /** The id of the heading that names it, when it has no caption. */
  labelledBy?: string;
}

/**
 * A table of records, one row each (its key `rowKey`, carried too by the attribute `keyAttribute` a test finds the
 * row by: `data-case-id="…"`), its columns declared with their headings, and what it is called — a caption (read
 * out, not shown) or a heading of the page.
 * A table named by an id (`labelledBy`, its caption's own or a heading's) is a region a keyboard can scroll when it
 * is wider than the screen.
 */
export function DataTable<T>(props: DataTableProps<T>) {
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
            {props.columns.map((column) => (
              <th key={column.label} scope="col" class={column.money === true ? 'money' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={props.rowKey(item)} {...(props.keyAttribute && { [props.keyAttribute]: props.rowKey(item) })}>
              {props.columns.map((column) => (
                <td key={column.label} class={column.money ? 'money' : undefined}>
                  {column.cell(item)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The head of a table whose rows a page lays out itself (a header cell per row, a totals' row): its columns' headings. */
export function ColumnHeads(props: { labels: readonly string[] }) {
  return (
    <thead>
      <tr>
        {props.labels.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
