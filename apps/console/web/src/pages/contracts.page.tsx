import { api, dataOf } from '../api';
import { contractTermsColumns } from '../components/contract-terms-columns';
import { ContractorLink } from '../components/contractor-link.component';
import { ChoiceField } from '../components/choice-fields.component';
import { CodeField } from '../components/field.component';
import { FiltersForm } from '../components/filters-form.component';
import { Link } from '../components/link.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { ResultsTable } from '../components/results-table.component';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { binProblem } from '../labels/budget.labels';
import { givenFilters, useAddressList, type Paging } from '../use-address-list';
import { useRead } from '../use-read';

const FILTERS = ['contractor', 'programme'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** The programmes offered as a filter (the register's 200 newest; a link from any programme's page filters by it). */
const loadProgrammes = async () =>
  (await dataOf(api.budgets.GET('/programmes', { params: { query: { limit: 200 } } }))).items;
const loadContracts = async (filters: Filters, paging: Paging) =>
  dataOf(api.budgets.GET('/contracts', { params: { query: { ...givenFilters(filters), ...paging } } }));

/**
 * The contract register, for anyone (budgets answers it publicly): by contractor (its BIN) and by programme. Each
 * contract opens its page; an official or auditor reaches the contractor's quality record from its name.
 */
export function ContractsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const { list, bind, apply } = useAddressList('/contracts', 'contracts', FILTERS, loadContracts);
  const programmes = useRead(loadProgrammes, []);
  const codes = new Map((programmes.data ?? []).map((p) => [p.id, `${p.code} (${p.fiscalYear})`]));
  const submit = () => apply({ contractor: binProblem(t) });

  return (
    <section>
      <PageHeading title={t('contracts.title')} lead={t('contracts.intro')} />
      <FiltersForm label={t('contracts.filters')} onSubmit={submit}>
        <CodeField {...bind('contractor')} label={t('contracts.contractorBin')} digits={12} />
        <ChoiceField
          {...bind('programme')}
          label={t('contracts.programme')}
          options={(programmes.data ?? []).map((p) => ({
            value: p.id,
            label: `${p.code} — ${p.name} (${p.fiscalYear})`,
          }))}
        />
      </FiltersForm>
      {programmes.failure !== null && <ErrorNotice error={programmes.failure} />}
      <ResultsTable
        words="contracts"
        list={list}
        columns={[
          { label: t('contract.subject'), cell: (c) => <Link href={`/contracts/${c.id}`}>{c.subject}</Link> },
          {
            label: t('contract.contractor'),
            cell: (c) => <ContractorLink bin={c.contractorBin} name={c.contractorName} />,
          },
          {
            label: t('contracts.programme'),
            cell: (c) => (
              <Link href={`/programmes/${c.programmeId}`}>
                {codes.get(c.programmeId) ?? t('contracts.programmeOf', { year: c.fiscalYear })}
              </Link>
            ),
          },
          ...contractTermsColumns(t, format),
        ]}
        rowKey={(c) => c.id}
        keyAttribute="data-contract-id"
      />
    </section>
  );
}
