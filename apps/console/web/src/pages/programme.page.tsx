import { answer, api } from '../api';
import { BudgetDoubtForm } from '../components/budget-doubt-form.component';
import { ContractorLink } from '../components/contractor-link.component';
import { ContractTermsCells } from '../components/contract-terms-cells.component';
import { DataTable } from '../components/data-table.component';
import { Link } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { ReadState } from '../components/read-state.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { executionPercent } from '../labels/budget.labels';
import { useSession } from '../session';
import { useRead } from '../use-read';

const loadProgramme = async (id: string) => {
  const programme = (await answer(api.budgets.GET('/programmes/{id}', { params: { path: { id } } }))).data;
  if (!('name' in programme)) throw new Error('a programme read without ?asOf= is the register row');
  const [institution, contracts] = await Promise.all([
    answer(api.budgets.GET('/institutions/{bin}', { params: { path: { bin: programme.institutionBin } } })).then(
      ({ data }) => ('name' in data ? data.name : null),
      () => null,
    ),
    answer(api.budgets.GET('/contracts', { params: { query: { programme: id, limit: 200 } } })).then((a) => a.data),
  ]);
  return { programme, institution, contracts };
};

/**
 * One budget programme, for anyone: what was allocated and how it was amended, what was spent or received, the
 * citizens' doubts still open against it, the contracts signed under it, and the form to raise a doubt of one's own.
 */
export function ProgrammePage(props: { id: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const signedIn = useSession();
  const read = useRead(() => loadProgramme(props.id), [props.id]);
  if (read.failure || !read.data) return <ReadState read={read} />;
  const { programme: p, institution, contracts } = read.data;
  const execution = executionPercent(p.spentTiyn, p.allocationTiyn);

  return (
    <section>
      <PageHeading title={t('programme.heading', { code: p.code, name: p.name })} />
      <p>
        <Link href={`/programmes?year=${p.fiscalYear}&institution=${p.institutionBin}`}>{t('programme.back')}</Link>
      </p>
      <div class="columns">
        <div>
          <dl class="facts" data-testid="programme-facts">
            <dt>{t('programmes.institution')}</dt>
            <dd>
              <Link href={`/institutions/${p.institutionBin}`}>
                {institution ?? '—'} (<code>{p.institutionBin}</code>)
              </Link>
            </dd>
            <dt>{t('report.district')}</dt>
            <dd>{districtName(t, p.district)}</dd>
            <dt>{t('programmes.year')}</dt>
            <dd>{p.fiscalYear}</dd>
            <dt>{t('programmes.purpose')}</dt>
            <dd>{t(`purpose.${p.purpose}`)}</dd>
            <dt>{t('programme.direction')}</dt>
            <dd>{t(`direction.${p.direction}`)}</dd>
            <dt>{t('programme.approved')}</dt>
            <dd>{format.money(p.approvedTiyn)}</dd>
            <dt>{t('programmes.allocation')}</dt>
            <dd data-testid="programme-allocation">{format.money(p.allocationTiyn)}</dd>
            <dt>{t('programme.amendments')}</dt>
            <dd data-testid="programme-amendments">{p.amendments}</dd>
            <dt>{t('programmes.spent')}</dt>
            <dd data-testid="programme-spent">{format.money(p.spentTiyn)}</dd>
            <dt>{t('programme.execution')}</dt>
            <dd>{execution === null ? '—' : `${format.number(execution)} %`}</dd>
            <dt>{t('programmes.revenue')}</dt>
            <dd>{format.money(p.revenueTiyn)}</dd>
            <dt>{t('programme.published')}</dt>
            <dd>{format.dateTime(p.publishedAt)}</dd>
            <dt>{t('programmes.openFlags')}</dt>
            <dd data-testid="programme-flags">
              {p.openFlags.length === 0 ? (
                t('programme.noFlags')
              ) : (
                <ul class="plain">
                  {p.openFlags.map((reportId) => (
                    <li key={reportId}>
                      {t('programme.flag')} <code>{reportId}</code>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          {signedIn?.role === 'auditor' && (
            <p>
              <Link href={`/audit/programme/${p.id}`}>{t('programme.audit')}</Link>
            </p>
          )}
        </div>
        <div>
          {!signedIn || signedIn.role === 'citizen' ? (
            <BudgetDoubtForm programme={p} />
          ) : (
            <p class="hint">{t('doubt.citizensOnly')}</p>
          )}
        </div>
      </div>
      <h2>{t('programme.contracts', { total: contracts.total })}</h2>
      {contracts.total > 0 && (
        <p>
          <Link href={`/contracts?programme=${p.id}`}>{t('programme.allContracts')}</Link>
        </p>
      )}
      {contracts.items.length === 0 ? (
        <p>{t('programme.noContracts')}</p>
      ) : (
        <DataTable
          caption={t('programme.contracts', { total: contracts.total })}
          captionId="contracts-caption"
          testId="programme-contracts"
          columns={[
            t('contract.contractor'),
            t('contract.subject'),
            t('contract.road'),
            { label: t('contract.amount'), money: true },
            { label: t('contract.paid'), money: true },
            t('contract.signed'),
            t('contract.warranty'),
          ]}
          items={contracts.items}
          row={(c) => (
            <tr key={c.id} data-contract-id={c.id}>
              <td>
                <ContractorLink bin={c.contractorBin} name={c.contractorName} />
              </td>
              <td>
                <Link href={`/contracts/${c.id}`}>{c.subject}</Link>
              </td>
              <ContractTermsCells contract={c} />
            </tr>
          )}
        />
      )}
    </section>
  );
}
