import { api, dataOf } from '../api';
import { CodeField } from '../components/field.component';
import { FiltersForm } from '../components/filters-form.component';
import { Link } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { ResultsTable } from '../components/results-table.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { institutionKindChoices, yearProblem, type InstitutionKind } from '../labels/budget.labels';
import { useAddressList, type Paging } from '../use-address-list';
import { ChoiceField, DistrictField } from '../components/choice-fields.component';

const FILTERS = ['district', 'kind', 'disclosedIn'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const loadInstitutions = async (filters: Filters, paging: Paging) =>
  dataOf(
    api.budgets.GET('/institutions', {
      params: {
        query: {
          district: filters.district || undefined,
          kind: (filters.kind || undefined) as InstitutionKind | undefined,
          disclosedIn: filters.disclosedIn ? Number(filters.disclosedIn) : undefined,
          ...paging,
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
  const { list, bind, apply } = useAddressList('/institutions', 'institutions', FILTERS, loadInstitutions);
  const submit = () => apply({ disclosedIn: yearProblem(t) });

  return (
    <section>
      <PageHeading title={t('institutions.title')} lead={t('institutions.intro')} />
      <FiltersForm label={t('institutions.filters')} onSubmit={submit}>
        <DistrictField {...bind('district')} />
        <ChoiceField {...bind('kind')} label={t('institutions.kind')} options={institutionKindChoices(t)} />
        <CodeField {...bind('disclosedIn')} label={t('institutions.disclosedIn')} digits={4} />
      </FiltersForm>
      <ResultsTable
        words="institutions"
        list={list}
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
        keyAttribute="data-institution-bin"
      />
    </section>
  );
}
