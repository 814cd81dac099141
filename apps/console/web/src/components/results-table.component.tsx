import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n-context';
import { DataTable, type Column } from './data-table.component';
import { ErrorNotice } from './notices.component';
import type { Paging } from '../use-address-list';
import { Pager } from './pager.component';

/** A page of a list the service pages, as `useAddressList` reads it: the read, which page it is and the way to another. */
interface ListPage<T> extends Paging {
  data: { items: readonly T[]; total: number } | null;
  failure: unknown;
  onPage: (page: number) => void;
}

/**
 * One page of a list the service pages (`list`): the read's failure if any and, once it has answered, how many there
 * are in all (read out as a status, `<words>.count`), the page's rows as a table captioned by the list's title
 * (`<words>.title`, unless it has a `title` of its own; its test id the words), what goes with them (a map of them),
 * and the pager.
 */
export function ResultsTable<T>(props: {
  words: string;
  title?: string;
  list: ListPage<T>;
  columns: readonly Column<T>[];
  rowKey: (item: T) => string;
  keyAttribute?: `data-${string}`;
  after?: (items: readonly T[]) => ComponentChildren;
}) {
  const { t } = useI18n();
  const { data: list, failure, page, limit, onPage } = props.list;
  const title = props.title ?? t(`${props.words}.title`);
  return (
    <>
      {failure !== null && <ErrorNotice error={failure} />}
      {list && (
        <>
          <p role="status">{t(`${props.words}.count`, { total: list.total })}</p>
          {list.items.length > 0 && (
            <>
              <DataTable
                columns={props.columns}
                items={list.items}
                rowKey={props.rowKey}
                keyAttribute={props.keyAttribute}
                testId={props.words}
                caption={title}
              />
              {props.after?.(list.items)}
            </>
          )}
          <Pager what={title} page={page} limit={limit} total={list.total} onPage={onPage} />
        </>
      )}
    </>
  );
}
