import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';
import type { Column } from './data-table.component';

/**
 * A record's status as a badge: coloured by the status, named in the reader's language (`<words>.<status>`, e.g.
 * `raidStatus.planned`), the status itself in `data-status` for a test to read.
 */
export function StatusBadge(props: { status: string; words: string }) {
  const { t } = useI18n();
  return (
    <span class={`badge badge-${props.status}`} data-status={props.status}>
      {t(`${props.words}.${props.status}`)}
    </span>
  );
}

/** A list's status column (`board.status`): each row's status as a badge, and what goes with it (`also`: overdue). */
export const statusColumn = <T extends { status: string }>(
  t: Translate,
  words: string,
  also?: (row: T) => ComponentChildren,
): Column<T> => ({
  label: t('board.status'),
  cell: (row) => (
    <>
      <StatusBadge status={row.status} words={words} />
      {also?.(row)}
    </>
  ),
});
