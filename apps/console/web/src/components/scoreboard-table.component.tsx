import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useFormat } from '../format/use-format';
import { LOCALES } from '../format/dates';
import { useI18n } from '../i18n/i18n-context';
import {
  DEFAULT_SORT,
  FIGURES,
  isSortedBy,
  nextSort,
  sortRows,
  type ScoreboardRow,
  type ScoreboardSort,
} from '../scoreboard/scoreboard-sort';

/**
 * One table of the public-control scoreboard (by institution or by district), under its heading (`title`): each
 * figure as counted and per report, sortable by any column (a button in its header, aria-sort on the one sorted by).
 */
export function ScoreboardTable<T extends ScoreboardRow & { key: string; name: string }>(props: {
  /** The id of its heading, which names it, and the table's test id. */
  id: string;
  title: string;
  nameHeader: string;
  rows: readonly T[];
  /** The row's own header cell content, when more than its name (an institution's BIN). */
  rowHeader?: (row: T) => ComponentChildren;
  /** Attributes a test finds the row by (data-bin, data-district). */
  rowData: (row: T) => Record<string, string>;
}) {
  const { t, language } = useI18n();
  const format = useFormat();
  const [sort, setSort] = useState<ScoreboardSort>(DEFAULT_SORT);
  const rows = sortRows(props.rows, sort, LOCALES[language]);

  const header = (column: ScoreboardSort['column'], perReport: boolean, text: string, hidden?: string) => {
    const sorted = isSortedBy(sort, column, perReport);
    return {
      'aria-sort': sorted ? (sort.descending ? 'descending' : 'ascending') : undefined,
      children: (
        <button
          type="button"
          class="sort"
          data-sort={`${column}${perReport ? '-per-report' : ''}`}
          onClick={() => setSort(nextSort(sort, column, perReport))}
        >
          {text}
          {hidden && <span class="visually-hidden">{`: ${hidden}`}</span>}
          <span aria-hidden="true" class="sort-mark">
            {sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </span>
        </button>
      ),
    } as const;
  };

  return (
    <>
      <h2 id={props.id}>{props.title}</h2>
      <div class="table-wrap" role="region" aria-labelledby={props.id} tabIndex={0}>
        <table class="cases scoreboard" data-testid={props.id}>
          <colgroup span={2} />
          {FIGURES.map((figure) => (
            <colgroup key={figure} span={2} />
          ))}
          <thead>
            <tr>
              <th scope="col" rowSpan={2} {...header('name', false, props.nameHeader)} />
              <th scope="col" rowSpan={2} class="money" {...header('reports', false, t('publicControl.reports'))} />
              {FIGURES.map((figure) => (
                <th key={figure} scope="colgroup" colSpan={2} class="figure">
                  {t(`publicControl.${figure}`)}
                </th>
              ))}
            </tr>
            <tr>
              {FIGURES.flatMap((figure) => [
                <th
                  key={`${figure}-all`}
                  scope="col"
                  class="money"
                  {...header(figure, false, t('publicControl.all'), t(`publicControl.${figure}`))}
                />,
                <th
                  key={`${figure}-per-report`}
                  scope="col"
                  class="money"
                  {...header(figure, true, t('publicControl.perReport'), t(`publicControl.${figure}`))}
                />,
              ])}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} {...props.rowData(row)}>
                <th scope="row">{props.rowHeader ? props.rowHeader(row) : row.name}</th>
                <td class="money">{format.number(row.reports)}</td>
                {FIGURES.flatMap((figure) => [
                  <td key={`${figure}-all`} class="money" data-figure={figure}>
                    {format.number(row[figure])}
                  </td>,
                  <td key={`${figure}-per-report`} class="money" data-figure={`${figure}-per-report`}>
                    {format.ratio(row.perReport[figure])}
                  </td>,
                ])}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
