import { useEffect, useState } from 'preact/hooks';
import { answer, api } from '../api';
import { ContractorLink } from '../components/contractor-link.component';
import { draftBinder, InputField, SelectField } from '../components/field.component';
import { Link } from '../components/link.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { Pager } from '../components/pager.component';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { isBin } from '../labels/budget.labels';
import { navigate, pageOf, useLocation, withQuery } from '../router';
import { useRead } from '../use-read';

const LIMIT = 50;
const FILTERS = ['contractor', 'programme'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** The programmes offered as a filter (the register's 200 newest; a link from any programme's page filters by it). */
const loadProgrammes = async () =>
  (await answer(api.budgets.GET('/programmes', { params: { query: { limit: 200 } } }))).data.items;
const loadContracts = async (filters: Filters, page: number) =>
  (
    await answer(
      api.budgets.GET('/contracts', {
        params: {
          query: {
            contractor: filters.contractor || undefined,
            programme: filters.programme || undefined,
            page,
            limit: LIMIT,
          },
        },
      }),
    )
  ).data;

/**
 * The contract register, for anyone (budgets answers it publicly): by contractor (its BIN) and by programme. Each
 * contract opens its page; an official or auditor reaches the contractor's quality record from its name.
 */
export function ContractsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const location = useLocation();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, location.searchParams.get(f) ?? ''])) as Filters;
  const page = pageOf(location);
  const [chosen, setChosen] = useState<Filters>(applied);
  const [errors, setErrors] = useState<Partial<Filters>>({});
  // The page stays mounted from one address to the next (a link, back): the form shows the filters applied.
  useEffect(() => setChosen(applied), [location.search]);
  const bind = draftBinder('contracts', chosen, errors, (change) => setChosen((c) => ({ ...c, ...change })));
  const programmes = useRead(loadProgrammes, []);
  const list = useRead(() => loadContracts(applied, page), [location.search]);
  const codes = new Map((programmes.data ?? []).map((p) => [p.id, `${p.code} (${p.fiscalYear})`]));
  const go = (filters: Filters, next = 1) => navigate(withQuery('/contracts', { ...filters, page: next }));

  return (
    <section>
      <PageHeading title={t('contracts.title')} />
      <p class="lead">{t('contracts.intro')}</p>
      <form
        class="form inline filters"
        role="search"
        aria-label={t('contracts.filters')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const contractor = chosen.contractor.trim();
          if (contractor && !isBin(contractor)) {
            setErrors({ contractor: t('raid.error.bin') });
            document.getElementById('contracts-contractor')?.focus();
            return;
          }
          setErrors({});
          go({ ...chosen, contractor });
        }}
      >
        <InputField
          {...bind('contractor')}
          label={t('contracts.contractorBin')}
          inputMode="numeric"
          maxLength={12}
          autoComplete="off"
        />
        <SelectField
          {...bind('programme')}
          label={t('contracts.programme')}
          empty={t('board.any')}
          options={(programmes.data ?? []).map((p) => ({
            value: p.id,
            label: `${p.code} — ${p.name} (${p.fiscalYear})`,
          }))}
        />
        <button type="submit">{t('board.apply')}</button>
      </form>
      {programmes.failure !== null && <ErrorNotice error={programmes.failure} />}
      {list.failure !== null && <ErrorNotice error={list.failure} />}
      {list.data && (
        <>
          <p role="status">{t('contracts.count', { total: list.data.total })}</p>
          {list.data.items.length > 0 && (
            <div class="table-wrap">
              <table class="cases" data-testid="contracts">
                <caption class="visually-hidden">{t('contracts.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('contract.subject')}</th>
                    <th scope="col">{t('contract.contractor')}</th>
                    <th scope="col">{t('contracts.programme')}</th>
                    <th scope="col">{t('contract.road')}</th>
                    <th scope="col" class="money">
                      {t('contract.amount')}
                    </th>
                    <th scope="col" class="money">
                      {t('contract.paid')}
                    </th>
                    <th scope="col">{t('contract.signed')}</th>
                    <th scope="col">{t('contract.warranty')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((c) => (
                    <tr key={c.id} data-contract-id={c.id}>
                      <td>
                        <Link href={`/contracts/${c.id}`}>{c.subject}</Link>
                      </td>
                      <td>
                        <ContractorLink bin={c.contractorBin} name={c.contractorName} />
                      </td>
                      <td>
                        <Link href={`/programmes/${c.programmeId}`}>
                          {codes.get(c.programmeId) ?? t('contracts.programmeOf', { year: c.fiscalYear })}
                        </Link>
                      </td>
                      <td>
                        {t('contract.segment', {
                          road: c.roadSegment.roadName,
                          from: c.roadSegment.fromKm,
                          to: c.roadSegment.toKm,
                        })}
                      </td>
                      <td class="money">{format.money(c.amountTiyn)}</td>
                      <td class="money">{format.money(c.paidTiyn)}</td>
                      <td>{format.date(c.signedAt)}</td>
                      <td>{format.date(c.warrantyEndsAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            what={t('contracts.title')}
            page={page}
            limit={LIMIT}
            total={list.data.total}
            onPage={(next) => go(applied, next)}
          />
        </>
      )}
    </section>
  );
}
