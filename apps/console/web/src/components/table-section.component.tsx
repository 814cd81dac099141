import type { ComponentChildren } from 'preact';
import { DataTable, type DataTableProps } from './data-table.component';

/**
 * A section of a page that tables records (an institution's programmes, a programme's contracts): its heading, which
 * captions the table too (its caption's id `<testId>-caption` names the scrolling region), what stands under the
 * heading (`lead`: a link to all of them), and the table, or that there are none (`none`).
 */
export function TableSection<T>(
  props: { title: string; lead?: ComponentChildren; none: string; testId: string } & Omit<
    DataTableProps<T>,
    'testId' | 'caption' | 'captionId' | 'labelledBy'
  >,
) {
  const { title, lead, none, ...table } = props;
  return (
    <>
      <h2>{title}</h2>
      {lead}
      {props.items.length === 0 ? (
        <p>{none}</p>
      ) : (
        <DataTable {...table} caption={title} captionId={`${props.testId}-caption`} />
      )}
    </>
  );
}
