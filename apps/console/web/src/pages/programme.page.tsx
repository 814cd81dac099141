import { answer, api, dataOf } from '../api';
import { BudgetDoubtForm } from '../components/budget-doubt-form.component';
import { ContractorLink } from '../components/contractor-link.component';
import { contractTermsColumns } from '../components/contract-terms-columns';
import { TableSection } from '../components/table-section.component';
import { RoleLink } from '../components/role-link.component';
import { Link, LinkLine } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { ReadState } from '../components/read-state.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { executionPercent } from '../labels/budget.labels';
import { useSession } from '../session';
import { useRead } from '../use-read';
import { Fact } from '../components/fact.component';

const loadProgramme = async (id: string) => {
  const programme = await dataOf(api.budgets.GET('/programmes/{id}', { params: { path: { id } } }));
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
      <LinkLine href={`/programmes?year=${p.fiscalYear}&institution=${p.institutionBin}`}>
        {t('programme.back')}
      </LinkLine>
      <div class="columns">
        <div>
          <dl class="facts" data-testid="programme-facts">
            <Fact label={t('programmes.institution')}>
              <Link href={`/institutions/${p.institutionBin}`}>
                {institution ?? '—'} (<code>{p.institutionBin}</code>)
              </Link>
            </Fact>
            <Fact label={t('report.district')}>{districtName(t, p.district)}</Fact>
            <Fact label={t('programmes.year')}>{p.fiscalYear}</Fact>
            <Fact label={t('programmes.purpose')}>{t(`purpose.${p.purpose}`)}</Fact>
            <Fact label={t('programme.direction')}>{t(`direction.${p.direction}`)}</Fact>
            <Fact label={t('programme.approved')}>{format.money(p.approvedTiyn)}</Fact>
            <Fact label={t('programmes.allocation')} testId="programme-allocation">
              {format.money(p.allocationTiyn)}
            </Fact>
            <Fact label={t('programme.amendments')} testId="programme-amendments">
              {p.amendments}
            </Fact>
            <Fact label={t('programmes.spent')} testId="programme-spent">
              {format.money(p.spentTiyn)}
            </Fact>
            <Fact label={t('programme.execution')}>{execution === null ? '—' : `${format.number(execution)} %`}</Fact>
            <Fact label={t('programmes.revenue')}>{format.money(p.revenueTiyn)}</Fact>
            <Fact label={t('programme.published')}>{format.dateTime(p.publishedAt)}</Fact>
            <Fact label={t('programmes.openFlags')} testId="programme-flags">
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
            </Fact>
          </dl>
          <RoleLink role="auditor" href={`/audit/programme/${p.id}`}>
            {t('programme.audit')}
          </RoleLink>
        </div>
        <div>
          {!signedIn || signedIn.role === 'citizen' ? (
            <BudgetDoubtForm programme={p} />
          ) : (
            <p class="hint">{t('doubt.citizensOnly')}</p>
          )}
        </div>
      </div>
      <TableSection
        title={t('programme.contracts', { total: contracts.total })}
        lead={
          contracts.total > 0 && (
            <LinkLine href={`/contracts?programme=${p.id}`}>{t('programme.allContracts')}</LinkLine>
          )
        }
        none={t('programme.noContracts')}
        testId="programme-contracts"
        items={contracts.items}
        columns={[
          {
            label: t('contract.contractor'),
            cell: (c) => <ContractorLink bin={c.contractorBin} name={c.contractorName} />,
          },
          { label: t('contract.subject'), cell: (c) => <Link href={`/contracts/${c.id}`}>{c.subject}</Link> },
          ...contractTermsColumns(t, format),
        ]}
        rowKey={(c) => c.id}
        keyAttribute="data-contract-id"
      />
    </section>
  );
}
