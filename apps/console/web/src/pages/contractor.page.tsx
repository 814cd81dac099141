import { useEffect, useState } from 'preact/hooks';
import { answer, api } from '../api';
import { QUALITY_READERS } from '../components/contractor-link.component';
import { Link } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { ReadState } from '../components/read-state.component';
import { forRoles } from '../components/requires-role.component';
import { LookupForm } from '../components/search-form.component';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { binProblem } from '../labels/budget.labels';
import { navigate } from '../router';
import { useRead } from '../use-read';
import { Fact } from '../components/fact.component';

/** The record road-cases keeps of the contractor, and its contracts in budgets' register (which name it). */
const loadContractor = async (bin: string) => {
  const [quality, contracts] = await Promise.all([
    answer(api.roadCases.GET('/contractors/{bin}/quality', { params: { path: { bin } } })).then(({ data }) => data),
    answer(api.budgets.GET('/contracts', { params: { query: { contractor: bin, limit: 200 } } })).then(
      ({ data }) => data,
    ),
  ]);
  return { quality, contracts };
};

/** The figures of the quality record, in its order: each named by `contractor.<figure>`, its test id `quality-<figure>`. */
const FIGURES = [
  'casesAssigned',
  'underWarranty',
  'repairsAccepted',
  'reworks',
  'reworkRate',
  'acceptedOnTime',
  'onTimeRate',
  'medianDaysToRepair',
] as const;
type Figure = (typeof FIGURES)[number];

/**
 * A contractor's quality record, for officials and auditors: the cases assigned to it, those under a warranty, the
 * repairs accepted, how many came back for rework and how many were accepted on time, the median days from
 * assignment to acceptance. `/contractors` is the lookup alone; `/contractors/{bin}` adds the record.
 */
export const ContractorPage = forRoles(QUALITY_READERS, 'contractor.title', Contractor);

function Contractor(props: { bin?: string }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState(props.bin ?? '');
  // Another contractor opened from elsewhere (a link, back) fills the lookup with its BIN.
  useEffect(() => setTyped(props.bin ?? ''), [props.bin]);

  return (
    <section>
      <PageHeading title={t('contractor.title')} lead={t('contractor.intro')} />
      <LookupForm
        search={t('contractor.lookup')}
        filters
        id="contractor-bin"
        label={t('contractor.bin')}
        value={typed}
        onValue={setTyped}
        digits={12}
        problem={binProblem(t)}
        go={(bin) => navigate(`/contractors/${bin}`)}
        submit={t('contractor.show')}
      />
      {props.bin && <ContractorRecord bin={props.bin} />}
    </section>
  );
}

function ContractorRecord(props: { bin: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const read = useRead(() => loadContractor(props.bin), [props.bin]);
  if (read.failure || !read.data) return <ReadState read={read} />;
  const { quality: q, contracts } = read.data;
  const name = contracts.items[0]?.contractorName;
  const percent = (rate: number | null) => (rate === null ? '—' : `${format.number(rate * 100)} %`);
  const shown = (figure: Figure) => {
    if (figure === 'reworkRate' || figure === 'onTimeRate') return percent(q[figure]);
    if (figure === 'medianDaysToRepair')
      return q.medianDaysToRepair === null ? '—' : t('contractor.days', { days: format.number(q.medianDaysToRepair) });
    return q[figure];
  };

  return (
    <>
      <h2 data-testid="contractor-name">
        {name ? `${name} (${q.contractorBin})` : t('contractor.unnamed', { bin: q.contractorBin })}
      </h2>
      {q.casesAssigned === 0 && <p role="status">{t('contractor.noCases')}</p>}
      <dl class="facts" data-testid="contractor-quality">
        {FIGURES.map((figure) => (
          <Fact key={figure} label={t(`contractor.${figure}`)} testId={`quality-${figure}`}>
            {shown(figure)}
          </Fact>
        ))}
      </dl>
      <p class="hint">{t('contractor.rates')}</p>
      <h2>{t('contractor.contracts', { total: contracts.total })}</h2>
      {contracts.items.length === 0 ? (
        <p>{t('contractor.noContracts')}</p>
      ) : (
        <ul class="plain" data-testid="contractor-contracts">
          {contracts.items.map((c) => (
            <li key={c.id}>
              <Link href={`/contracts/${c.id}`}>{c.subject}</Link> —{' '}
              {t('contractor.contractTerms', {
                road: c.roadSegment.roadName,
                from: c.roadSegment.fromKm,
                to: c.roadSegment.toKm,
                warranty: format.date(c.warrantyEndsAt),
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
