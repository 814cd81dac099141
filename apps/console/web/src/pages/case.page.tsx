import { useEffect, useState } from 'preact/hooks';
import { answer, api, dataOf } from '../api';
import { InputField, SelectField, TextAreaField, type FieldFrame } from '../components/field.component';
import { ContractorLink } from '../components/contractor-link.component';
import { MoneyField } from '../components/money-field.component';
import { MapView } from '../components/map.component';
import { ErrorNotice } from '../components/notices.component';
import { OptionalTextStep } from '../components/optional-text-step.component';
import { PageHeading } from '../components/page-heading.component';
import { ReadState } from '../components/read-state.component';
import { RecordSteps } from '../components/record-steps.component';
import { StepForm } from '../components/step-form.component';
import { forRoles } from '../components/requires-role.component';
import { districtName } from '../districts';
import { formatTiyn, parseTenge } from '../format/money';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { useSession, type Role } from '../session';
import { useDraftForm } from '../use-draft-form';
import { useRecordSteps, type StepCommand } from '../use-record-steps';
import { Fact } from '../components/fact.component';
import { StatusLine } from '../components/status-line.component';

type RoadCase = Awaited<ReturnType<typeof loadCase>>['data'];
type CaseEvent = Awaited<ReturnType<typeof loadHistory>>[number];
type Contract = Awaited<ReturnType<typeof loadContracts>>[number];

const loadCase = (id: string) => answer(api.roadCases.GET('/cases/{id}', { params: { path: { id } } }));
const loadHistory = async (id: string) =>
  (await dataOf(api.roadCases.GET('/cases/{id}/history', { params: { path: { id }, query: { limit: 500 } } }))).events;
const loadContracts = async () =>
  (await dataOf(api.budgets.GET('/contracts', { params: { query: { limit: 200 } } }))).items;

/** What the forms hold: kept across a reload, so a refused command loses nothing typed. */
type Drafts = {
  severity: string;
  area: string;
  estimatedCost: string;
  rejectReason: string;
  contractId: string;
  note: string;
  actualCost: string;
  repairReason: string;
  reopenReason: string;
};
const NO_DRAFTS: Drafts = {
  severity: '',
  area: '',
  estimatedCost: '',
  rejectReason: '',
  contractId: '',
  note: '',
  actualCost: '',
  repairReason: '',
  reopenReason: '',
};

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** The steps that take only a reason: the draft holding it, the step (its words are case.<step>.*) and its route. */
const REASON_STEPS = {
  rejectReason: { step: 'reject', route: '/cases/{id}/reject' },
  repairReason: { step: 'rejectRepair', route: '/cases/{id}/reject-repair' },
  reopenReason: { step: 'reopen', route: '/cases/{id}/reopen' },
} as const;

/** Does the contract's road segment name the road of the case's address? */
const covers = (contract: Contract, address: string) =>
  address.toLowerCase().includes(contract.roadSegment.roadName.toLowerCase());

export const CasePage = forRoles(['inspector', 'official', 'contractor', 'auditor'], 'case.title', CaseView);

/**
 * One case: what it is, its timeline from its events, and the steps the signed-in role may take now. Every step is
 * sent with If-Match (the version this page read): if someone else changed the case meanwhile, the service refuses
 * with 409 and the page says so, keeping what was typed, instead of overwriting their change.
 */
function CaseView(props: { id: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const signedIn = useSession();
  const role = signedIn?.role as Role;
  const { draft: drafts, bind, check, reset } = useDraftForm('case', NO_DRAFTS);
  const steps = useRecordSteps('case', () => Promise.all([loadCase(props.id), loadHistory(props.id)]), [props.id]);
  const { failure, reload, done, busy } = steps;
  const [loaded, history = []] = steps.record ?? [];
  const roadCase = loaded?.data;

  if (failure || !roadCase || !('address' in roadCase)) return <ReadState read={{ data: null, failure }} />;
  const c = roadCase;

  /** Sends one command at the version read; a success empties the drafts and reloads the case, a conflict keeps them. */
  const send = (what: string, command: StepCommand) => steps.send(c.version, what, command, reset);
  const path = { id: c.id };

  const verify = () => {
    const area = Number(drafts.area.replace(',', '.'));
    const cost = parseTenge(drafts.estimatedCost);
    const ok = check({
      ...(!drafts.severity && { severity: t('case.error.severity') }),
      ...(!(drafts.area.trim() !== '' && area >= 0) && { area: t('case.error.area') }),
      ...(cost === null && { estimatedCost: t('case.error.money') }),
    });
    if (ok)
      void send('verify', (header) =>
        answer(
          api.roadCases.POST('/cases/{id}/verify', {
            params: { path, header },
            body: {
              severity: drafts.severity as (typeof SEVERITIES)[number],
              areaM2: area,
              estimatedCostTiyn: cost!,
            },
          }),
        ),
      );
  };
  /** A step that takes only a reason, its form bound to its draft. */
  const reasonForm = (field: keyof typeof REASON_STEPS) => {
    const { step, route } = REASON_STEPS[field];
    const reason = drafts[field].trim();
    return (
      <StepForm
        key={field}
        words={`case.${step}`}
        busy={busy}
        danger
        onSubmit={() =>
          check(reason ? {} : { [field]: t('case.error.reason') }) &&
          void send(step, (header) => answer(api.roadCases.POST(route, { params: { path, header }, body: { reason } })))
        }
      >
        <TextAreaField {...bind(field)} label={t('case.reason')} rows={2} maxLength={1000} />
      </StepForm>
    );
  };

  // What the role may do at this step, as the services decide it (a step refused anyway is shown as their answer).
  const canAct =
    (role === 'inspector' && ['opened', 'repair_reported', 'closed'].includes(c.status)) ||
    (role === 'official' && ['verified', 'closed'].includes(c.status)) ||
    (role === 'contractor' && c.status === 'assigned');
  const actions = (
    <>
      {!canAct && <p>{t('case.nothingToDo')}</p>}
      {role === 'inspector' && c.status === 'opened' && (
        <>
          <StepForm words="case.verify" busy={busy} onSubmit={verify}>
            <SelectField
              {...bind('severity')}
              label={t('case.severity')}
              empty={t('form.choose')}
              options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
            />
            <InputField {...bind('area')} label={t('case.area')} inputMode="decimal" />
            <MoneyField {...bind('estimatedCost')} label={t('case.estimatedCost')} />
          </StepForm>
          {reasonForm('rejectReason')}
        </>
      )}
      {role === 'official' && c.status === 'verified' && (
        <AssignForm
          roadCase={c}
          {...bind('contractId')}
          busy={busy}
          onSubmit={(contract) => {
            if (!check(contract ? {} : { contractId: t('case.error.contract') })) return;
            void send('assign', (header) =>
              answer(
                api.roadCases.POST('/cases/{id}/assign', {
                  params: { path, header },
                  body: { contractorBin: contract!.contractorBin, contractId: contract!.id },
                }),
              ),
            );
          }}
        />
      )}
      {role === 'contractor' && c.status === 'assigned' && (
        <OptionalTextStep
          words="case.reportRepair"
          busy={busy}
          field={bind('note')}
          label={t('case.reportRepair.note')}
          onSend={(note) =>
            void send('reportRepair', (header) =>
              answer(api.roadCases.POST('/cases/{id}/report-repair', { params: { path, header }, body: { note } })),
            )
          }
        />
      )}
      {role === 'inspector' && c.status === 'repair_reported' && (
        <>
          <StepForm
            words="case.acceptRepair"
            busy={busy}
            onSubmit={() => {
              const cost = parseTenge(drafts.actualCost);
              if (!check(cost === null ? { actualCost: t('case.error.money') } : {})) return;
              void send('acceptRepair', (header) =>
                answer(
                  api.roadCases.POST('/cases/{id}/accept-repair', {
                    params: { path, header },
                    body: { actualCostTiyn: cost! },
                  }),
                ),
              );
            }}
          >
            <MoneyField {...bind('actualCost')} label={t('case.actualCost')} />
          </StepForm>
          {reasonForm('repairReason')}
        </>
      )}
      {(role === 'inspector' || role === 'official') && c.status === 'closed' && reasonForm('reopenReason')}
    </>
  );

  return (
    <section>
      <PageHeading title={`${t(`defect.${c.defectType}`)} — ${c.address}`} />
      <StatusLine label={t('case.status')} status={c.status} text={t(`caseStatus.${c.status}`)} testId="case-status">
        {c.overdue && <strong class="badge badge-overdue"> {t('case.overdue')}</strong>}
      </StatusLine>
      <div class="columns">
        <div>
          <dl class="facts">
            <Fact label={t('case.number')}>
              <code>{c.id}</code>
            </Fact>
            <Fact label={t('report.district')}>{districtName(t, c.district)}</Fact>
            <Fact label={t('case.source')}>{t(`caseSource.${c.source}`)}</Fact>
            <Fact label={t('case.reports')}>{c.reportIds.length}</Fact>
            <Fact label={t('case.opened')}>{format.dateTime(c.openedAt)}</Fact>
            <Fact label={t('case.severity')} testId="case-severity">
              {c.severity ? t(`severity.${c.severity}`) : '—'}
            </Fact>
            <Fact label={t('case.estimatedCost')}>{format.money(c.estimatedCostTiyn)}</Fact>
            <Fact label={t('case.contractor')} testId="case-contractor">
              {c.contractorBin ? <ContractorLink bin={c.contractorBin} /> : '—'}
            </Fact>
            <Fact label={t('case.warranty')}>
              {c.contractId ? (c.underWarranty ? t('case.underWarranty') : t('case.notUnderWarranty')) : '—'}
            </Fact>
            <Fact label={t('case.due')}>{format.dateTime(c.dueAt)}</Fact>
            <Fact label={t('case.reworks')}>{c.reworks}</Fact>
            <Fact label={t('case.actualCost')}>{format.money(c.actualCostTiyn)}</Fact>
          </dl>
          <MapView points={[{ lat: c.lat, lon: c.lon }]} label={t('map.caseLabel')} />
        </div>
        <div>
          <RecordSteps
            done={done}
            failure={steps.refusal}
            onReload={() => void reload()}
            reloadLabel={t('case.reload')}
            audit={role === 'auditor' ? { href: `/audit/case/${c.id}`, label: t('case.audit') } : undefined}
          >
            {actions}
          </RecordSteps>
          <h2>{t('case.timeline')}</h2>
          <Timeline events={history} />
        </div>
      </div>
    </section>
  );
}

/** The official chooses among the contracts covering the case's road (budgets' register), or any contract. */
function AssignForm(
  props: Omit<FieldFrame, 'label'> & {
    roadCase: NonNullable<RoadCase> & { address: string };
    busy: boolean;
    onSubmit: (contract: Contract | undefined) => void;
  },
) {
  const { roadCase, busy, onSubmit, ...field } = props;
  const { t } = useI18n();
  const format = useFormat();
  const [contracts, setContracts] = useState<Contract[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [showAll, setShowAll] = useState(false);
  useEffect(() => {
    loadContracts().then(setContracts, setFailure);
  }, []);
  const covering = (contracts ?? []).filter((c) => covers(c, roadCase.address));
  const offered = showAll || covering.length === 0 ? (contracts ?? []) : covering;

  return (
    <StepForm words="case.assign" busy={busy} onSubmit={() => onSubmit(offered.find((c) => c.id === field.value))}>
      {failure !== null && <ErrorNotice error={failure} />}
      {contracts && covering.length === 0 && <p>{t('case.assign.noneCovering')}</p>}
      <SelectField
        {...field}
        label={t('case.assign.contract')}
        hint={t('case.assign.hint', { count: covering.length })}
        empty={t('form.choose')}
        options={offered.map((c) => ({
          value: c.id,
          label: t('case.assign.option', {
            contractor: c.contractorName,
            bin: c.contractorBin,
            road: c.roadSegment.roadName,
            from: c.roadSegment.fromKm,
            to: c.roadSegment.toKm,
            warranty: format.date(c.warrantyEndsAt),
          }),
        }))}
      />
      {covering.length > 0 && (
        <div class="checkbox">
          <input
            id="case-showAll"
            type="checkbox"
            checked={showAll}
            onChange={(e) => setShowAll((e.currentTarget as HTMLInputElement).checked)}
          />
          <label for="case-showAll">{t('case.assign.showAll')}</label>
        </div>
      )}
    </StepForm>
  );
}

const DETAIL_FIELDS = ['severity', 'areaM2', 'estimatedCostTiyn', 'contractorBin', 'dueAt', 'note', 'reason'] as const;

/** The case's events, oldest first: what happened, when (Almaty), by whom in which role. */
function Timeline(props: { events: CaseEvent[] }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <ol class="timeline" data-testid="case-timeline">
      {props.events.map((event) => {
        const data = event.data as Record<string, unknown>;
        const details = DETAIL_FIELDS.filter((f) => data[f] !== undefined && data[f] !== '').map((f) => {
          const value = data[f];
          const shown =
            f === 'severity'
              ? t(`severity.${String(value)}`)
              : f === 'estimatedCostTiyn'
                ? formatTiyn(Number(value))
                : f === 'dueAt'
                  ? format.dateTime(String(value))
                  : f === 'areaM2'
                    ? format.number(Number(value))
                    : String(value);
          return `${t(`timeline.${f}`)}: ${shown}`;
        });
        if (event.type === 'RepairAccepted')
          details.push(`${t('timeline.actualCost')}: ${formatTiyn(Number(data.actualCostTiyn))}`);
        return (
          <li key={event.eventId} data-event={event.type}>
            <span class="when">{format.dateTime(event.occurredAt)}</span>{' '}
            <strong class="what">{t(`event.${event.type}`)}</strong>{' '}
            <span class="who">
              {t('timeline.by', { role: t(`role.${event.metadata.actorRole}`), actor: event.metadata.actorId })}
            </span>
            {details.length > 0 && <p class="detail">{details.join(' · ')}</p>}
          </li>
        );
      })}
    </ol>
  );
}
