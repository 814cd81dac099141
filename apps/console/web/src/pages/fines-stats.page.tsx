import { Fragment } from 'preact';
import { api, dataOf } from '../api';
import { TableSection } from '../components/table-section.component';
import { PageHeading } from '../components/page-heading.component';
import { ReadState } from '../components/read-state.component';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { offenceName } from '../labels/fine.labels';
import { useRead } from '../use-read';
import { loadOffenceTypes } from './fines.page';
import { Fact } from '../components/fact.component';

const loadStats = async () => dataOf(api.fines.GET('/fines/stats'));
const AMOUNTS = ['imposedTiyn', 'collectedTiyn', 'outstandingTiyn'] as const;
type Group = Awaited<ReturnType<typeof loadStats>>['groups'][number];

/**
 * The fines, counted for anyone (no offender ever shown): how many, how many cancelled, what was imposed, collected
 * and is still owed, in total and by offence type, offender category and month (Almaty).
 */
export function FinesStatsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const stats = useRead(loadStats, []);
  const offences = useRead(loadOffenceTypes, []);
  const titles = new Map((offences.data ?? []).map((o) => [o.offenceType, o.title]));

  return (
    <section>
      <PageHeading title={t('fineStats.title')} lead={t('fineStats.intro')} />
      <ReadState read={stats} />
      {stats.data && (
        <>
          <h2>{t('fineStats.totals')}</h2>
          <dl class="facts" data-testid="fine-stats-totals">
            <Fact label={t('fineStats.fines')} testId="fine-stats-count">
              {stats.data.totals.fines}
            </Fact>
            <Fact label={t('fineStats.cancelled')}>{stats.data.totals.cancelled}</Fact>
            {AMOUNTS.map((amount) => (
              <Fragment key={amount}>
                <Fact label={t(`fineStats.${amount}`)} testId={`fine-stats-${amount}`}>
                  {format.money(stats.data!.totals[amount])}
                </Fact>
              </Fragment>
            ))}
          </dl>
          <TableSection
            title={t('fineStats.groups')}
            none={t('fineStats.none')}
            testId="fine-stats-groups"
            items={stats.data.groups}
            columns={[
              { label: t('fineStats.month'), cell: (g) => `${g.year}-${String(g.month).padStart(2, '0')}` },
              { label: t('fine.offence'), cell: (g) => offenceName(t, g.offenceType, titles.get(g.offenceType)) },
              { label: t('fine.offender'), cell: (g) => t(`offender.${g.offenderCategory}`) },
              { label: t('fineStats.fines'), money: true, cell: (g) => g.fines },
              { label: t('fineStats.cancelled'), money: true, cell: (g) => g.cancelled },
              ...AMOUNTS.map((amount) => ({
                label: t(`fineStats.${amount}`),
                money: true as const,
                cell: (g: Group) => format.money(g[amount]),
              })),
            ]}
            rowKey={(g) => `${g.year}-${g.month}-${g.offenceType}-${g.offenderCategory}`}
          />
        </>
      )}
    </section>
  );
}
