import { api, dataOf } from '../api';
import { InputField, SelectField } from '../components/field.component';
import { FiltersForm } from '../components/filters-form.component';
import { Link } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { ResultsTable } from '../components/results-table.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { institutionKindChoices, isFiscalYear, type InstitutionKind } from '../labels/budget.labels';
import { useAddressFilters } from '../use-address-filters';
import { useRead } from '../use-read';
import { DistrictField } from '../components/choice-fields.component';

const LIMIT = 50;
const FILTERS = ['district', 'kind', 'disclosedIn'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const loadInstitutions = async (filters: Filters, page: number) =>
  dataOf(
    api.budgets.GET('/institutions', {
      params: {
        query: {
          district: filters.district || undefined,
          kind: (filters.kind || undefined) as InstitutionKind | undefined,
          disclosedIn: filters.disclosedIn ? Number(filters.disclosedIn) : undefined,
          page,
          limit: LIMIT,
        },
      },
    }),
  );

/**
 * The register of institutions, for anyone (budgets answers it publicly): by district, by kind, those that
 * disclosed a year's budget. Each opens its page, with its programmes.
 */
export function InstitutionsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const { search, applied, page, chosen, bind, apply, onPage } = useAddressFilters(
    '/institutions',
    'institutions',
    FILTERS,
  );
  const list = useRead(() => loadInstitutions(applied, page), [search]);

  return (
    <section>
      <PageHeading title={t('institutions.title')} lead={t('institutions.intro')} />
      <FiltersForm
        label={t('institutions.filters')}
        onSubmit={() => {
          const disclosedIn = chosen.disclosedIn.trim();
          apply(
            { ...chosen, disclosedIn },
            disclosedIn && !isFiscalYear(disclosedIn) ? { disclosedIn: t('programmes.error.year') } : {},
          );
        }}
      >
        <DistrictField {...bind('district')} />
        <SelectField
          {...bind('kind')}
          label={t('institutions.kind')}
          empty={t('board.any')}
          options={institutionKindChoices(t)}
        />
        <InputField {...bind('disclosedIn')} label={t('institutions.disclosedIn')} inputMode="numeric" maxLength={4} />
      </FiltersForm>
      <ResultsTable
        title={t('institutions.title')}
        count={(total) => t('institutions.count', { total })}
        testId="institutions"
        read={list}
        columns={[
          { label: t('institutions.name'), cell: (i) => <Link href={`/institutions/${i.bin}`}>{i.name}</Link> },
          { label: t('institutions.bin'), cell: (i) => <code>{i.bin}</code> },
          { label: t('report.district'), cell: (i) => districtName(t, i.district) },
          { label: t('institutions.kind'), cell: (i) => t(`institutionKind.${i.kind}`) },
          {
            label: t('institutions.disclosed'),
            cell: (i) => (i.disclosedYears.length > 0 ? i.disclosedYears.join(', ') : '—'),
          },
          { label: t('institutions.registered'), cell: (i) => format.dateTime(i.registeredAt) },
        ]}
        rowKey={(i) => i.bin}
        rowData={(i) => ({ 'data-institution-bin': i.bin })}
        page={page}
        limit={LIMIT}
        onPage={onPage}
      />
    </section>
  );
}
