import { answer, api, dataOf } from '../api';
import { ContractorLink } from '../components/contractor-link.component';
import { Link, LinkLine } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { ReadState } from '../components/read-state.component';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { useRead } from '../use-read';
import { Fact } from '../components/fact.component';

const loadContract = async (id: string) => {
  const contract = await dataOf(api.budgets.GET('/contracts/{id}', { params: { path: { id } } }));
  if (!('subject' in contract)) throw new Error('a contract read without ?asOf= is the register row');
  // The programme and the institution by name; the contract is shown without them when they cannot be read.
  const [programme, institution] = await Promise.all([
    answer(api.budgets.GET('/programmes/{id}', { params: { path: { id: contract.programmeId } } })).then(
      ({ data }) => ('name' in data ? `${data.code} — ${data.name}` : null),
      () => null,
    ),
    answer(api.budgets.GET('/institutions/{bin}', { params: { path: { bin: contract.institutionBin } } })).then(
      ({ data }) => ('name' in data ? data.name : null),
      () => null,
    ),
  ]);
  return { contract, programme, institution };
};

/**
 * One contract, for anyone: who signed it under which programme, for which road, what it costs and what is paid,
 * its warranty and the repairs made under it. Linked to its programme, institution and contractor.
 */
export function ContractPage(props: { id: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const read = useRead(() => loadContract(props.id), [props.id]);
  if (read.failure || !read.data) return <ReadState read={read} />;
  const { contract: c, programme, institution } = read.data;

  return (
    <section>
      <PageHeading title={c.subject} />
      <LinkLine href="/contracts">{t('contract.back')}</LinkLine>
      <dl class="facts" data-testid="contract-facts">
        <Fact label={t('contract.contractor')} testId="contract-contractor">
          <ContractorLink bin={c.contractorBin} name={c.contractorName} />
        </Fact>
        <Fact label={t('contracts.programme')}>
          <Link href={`/programmes/${c.programmeId}`}>{programme ?? c.programmeId}</Link> ({c.fiscalYear})
        </Fact>
        <Fact label={t('programmes.institution')}>
          <Link href={`/institutions/${c.institutionBin}`}>{institution ?? c.institutionBin}</Link>
        </Fact>
        <Fact label={t('contract.road')}>
          {t('contract.segment', { road: c.roadSegment.roadName, from: c.roadSegment.fromKm, to: c.roadSegment.toKm })}
        </Fact>
        <Fact label={t('contract.amount')} testId="contract-amount">
          {format.money(c.amountTiyn)}
        </Fact>
        <Fact label={t('contract.paid')} testId="contract-paid">
          {format.money(c.paidTiyn)}
        </Fact>
        <Fact label={t('contract.signed')}>{format.date(c.signedAt)}</Fact>
        <Fact label={t('contract.warrantyMonths')}>{c.warrantyMonths}</Fact>
        <Fact label={t('contract.warranty')}>{format.date(c.warrantyEndsAt)}</Fact>
        <Fact label={t('contract.warrantyRepairs')}>
          {t('contract.warrantyRepairsAre', {
            count: c.warrantyRepairs,
            cost: format.money(c.warrantyRepairsCostTiyn),
          })}
        </Fact>
      </dl>
      <LinkLine href={`/contracts?contractor=${c.contractorBin}`}>{t('contract.sameContractor')}</LinkLine>
    </section>
  );
}
