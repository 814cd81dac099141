import type { ComponentChildren } from 'preact';
import { DataTable, type Column } from './data-table.component';
import { ErrorNotice } from './notices.component';
import type { Paging } from '../use-address-list';
import { Pager } from './pager.component';

/** A page of a list the service pages, as `useRead` holds it. */
interface ListRead<T> {
  data: { items: readonly T[]; total: number } | null;
  failure: unknown;
}

/**
 * One page of a list the service pages, read by `useRead`: the read's failure if any and, once it has answered, how
 * many there are in all (read out as a status), the page's rows as a table captioned by the list's title, what goes
 * with them (a map of them), and the pager (`pager`, as `useAddressList` gives it).
 */
export function ResultsTable<T>(props: {
  title: string;
  count: (total: number) => string;
  read: ListRead<T>;
  columns: readonly Column<T>[];
  rowKey: (item: T) => string;
  keyAttribute?: `data-${string}`;
  testId?: string;
  after?: (items: readonly T[]) => ComponentChildren;
  pager: Paging & { onPage: (page: number) => void };
}) {
  const { data: list, failure } = props.read;
  return (
    <>
      {failure !== null && <ErrorNotice error={failure} />}
      {list && (
        <>
          <p role="status">{props.count(list.total)}</p>
          {list.items.length > 0 && (
            <>
              <DataTable
                columns={props.columns}
                items={list.items}
                rowKey={props.rowKey}
                keyAttribute={props.keyAttribute}
                testId={props.testId}
                caption={props.title}
              />
              {props.after?.(list.items)}
            </>
          )}
          <Pager what={props.title} {...props.pager} total={list.total} />
        </>
      )}
    </>
  );
}
