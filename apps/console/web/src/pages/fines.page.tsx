import { api, dataOf } from '../api';
import { ChoiceField } from '../components/choice-fields.component';
import { CodeField } from '../components/field.component';
import { FiltersForm } from '../components/filters-form.component';
import { Link } from '../components/link.component';
import { statusColumn } from '../components/status-badge.component';
import { PageHeading } from '../components/page-heading.component';
import { forRoles } from '../components/requires-role.component';
import { RoleLink } from '../components/role-link.component';
import { ResultsTable } from '../components/results-table.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { yearProblem } from '../labels/budget.labels';
import {
  categoryChoices,
  fineStatusChoices,
  offenceName,
  type FINE_STATUSES,
  type OFFENDER_CATEGORIES,
} from '../labels/fine.labels';
import { useAddressList, type Paging } from '../use-address-list';
import { useRead } from '../use-read';

const FILTERS = ['status', 'offenceType', 'offenderCategory', 'year', 'raidId'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const loadOffenceTypes = async () => (await dataOf(api.fines.GET('/offence-types'))).items;
const loadFines = async (f: Filters, paging: Paging) =>
  dataOf(
    api.fines.GET('/fines', {
      params: {
        query: {
          status: (f.status || undefined) as (typeof FINE_STATUSES)[number] | undefined,
          offenceType: f.offenceType || undefined,
          offenderCategory: (f.offenderCategory || undefined) as (typeof OFFENDER_CATEGORIES)[number] | undefined,
          year: f.year ? Number(f.year) : undefined,
          raidId: f.raidId || undefined,
          ...paging,
        },
      },
    }),
  );

/** The fines, for officials and auditors: by status, offence, offender category, year, the raid that found them. */
export const FinesPage = forRoles(['official', 'auditor'], 'fines.title', Fines);

function Fines() {
  const { t } = useI18n();
  const format = useFormat();
  const { list, bind, apply } = useAddressList('/fines', 'fines', FILTERS, loadFines);
  const offences = useRead(loadOffenceTypes, []);
  const titles = new Map((offences.data ?? []).map((o) => [o.offenceType, o.title]));

  const submit = () =>
    apply({
      year: yearProblem(t),
      raidId: (raidId) => !UUID.test(raidId) && t('audit.error.id'),
    });

  return (
    <section>
      <PageHeading title={t('fines.title')} />
      <RoleLink role="official" href="/fines/new">
        {t('fines.issue')}
      </RoleLink>
      <FiltersForm label={t('fines.filters')} onSubmit={submit}>
        <ChoiceField {...bind('status')} label={t('board.status')} options={fineStatusChoices(t)} />
        <ChoiceField
          {...bind('offenceType')}
          label={t('fine.offence')}
          options={(offences.data ?? []).map((o) => ({
            value: o.offenceType,
            label: offenceName(t, o.offenceType, o.title),
          }))}
        />
        <ChoiceField {...bind('offenderCategory')} label={t('fine.offender')} options={categoryChoices(t)} />
        <CodeField {...bind('year')} label={t('programmes.year')} digits={4} />
        <CodeField {...bind('raidId')} label={t('fine.raid')} />
      </FiltersForm>
      <ResultsTable
        words="fines"
        list={list}
        columns={[
          {
            label: t('fine.offence'),
            cell: (f) => (
              <Link href={`/fines/${f.id}`}>
                {offenceName(t, f.offenceType, titles.get(f.offenceType))} — {f.place}
              </Link>
            ),
          },
          statusColumn(t, 'fineStatus'),
          { label: t('report.district'), cell: (f) => districtName(t, f.district) },
          { label: t('fine.offender'), cell: (f) => t(`offender.${f.offenderCategory}`) },
          { label: t('fine.amount'), money: true, cell: (f) => format.money(f.amountTiyn) },
          { label: t('fine.balance'), money: true, cell: (f) => format.money(f.balanceTiyn) },
          { label: t('fine.issued'), cell: (f) => format.dateTime(f.issuedAt) },
          { label: t('fine.dueDate'), cell: (f) => format.date(f.dueDate) },
        ]}
        rowKey={(f) => f.id}
        keyAttribute="data-fine-id"
      />
    </section>
  );
}
