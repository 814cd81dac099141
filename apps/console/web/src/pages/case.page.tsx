import { useEffect, useState } from 'preact/hooks';
import { answer, api, ApiError, idempotencyKey, ifMatch } from '../api';
import { Field } from '../components/field.component';
import { MapView } from '../components/map.component';
import { ConflictNotice, ErrorNotice, SuccessNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { RequiresRole } from '../components/requires-role.component';
import { districtName } from '../districts';
import { formatTiyn, parseTenge } from '../format/money';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { useSession, type Role } from '../session';

type RoadCase = Awaited<ReturnType<typeof loadCase>>['data'];
type CaseEvent = Awaited<ReturnType<typeof loadHistory>>[number];
type Contract = Awaited<ReturnType<typeof loadContracts>>[number];

const loadCase = (id: string) => answer(api.roadCases.GET('/cases/{id}', { params: { path: { id } } }));
const loadHistory = async (id: string) =>
  (await answer(api.roadCases.GET('/cases/{id}/history', { params: { path: { id }, query: { limit: 500 } } }))).data
    .events;
const loadContracts = async () =>
  (await answer(api.budgets.GET('/contracts', { params: { query: { limit: 200 } } }))).data.items;

/** What the forms hold: kept across a reload, so a refused command loses nothing typed. */
interface Drafts {
  severity: string;
  area: string;
  estimatedCost: string;
  rejectReason: string;
  contractId: string;
  note: string;
  actualCost: string;
  repairReason: string;
  reopenReason: string;
}
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
type DraftErrors = Partial<Record<keyof Drafts, string>>;

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** Does the contract's road segment name the road of the case's address? */
const covers = (contract: Contract, address: string) =>
  address.toLowerCase().includes(contract.roadSegment.roadName.toLowerCase());

export function CasePage(props: { id: string }) {
  const { t } = useI18n();
  return (
    <RequiresRole roles={['inspector', 'official', 'contractor', 'auditor']} title={t('case.title')}>
      <CaseView id={props.id} />
    </RequiresRole>
  );
}

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
  const [roadCase, setRoadCase] = useState<RoadCase | null>(null);
  const [history, setHistory] = useState<CaseEvent[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [actionFailure, setActionFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Drafts>(NO_DRAFTS);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);

  const reload = async () => {
    try {
      const [loaded, events] = await Promise.all([loadCase(props.id), loadHistory(props.id)]);
      setRoadCase(loaded.data);
      setHistory(events);
      setFailure(null);
      setActionFailure(null);
    } catch (caught) {
      setFailure(caught);
    }
  };
  useEffect(() => void reload(), [props.id]);

  if (failure) return <ErrorNotice error={failure} />;
  if (!roadCase || !('address' in roadCase)) return <p role="status">{t('form.loading')}</p>;
  const c = roadCase;

  const draft = (field: keyof Drafts) => (event: Event) =>
    setDrafts({ ...drafts, [field]: (event.currentTarget as HTMLInputElement).value });

  /** Sends one command at the version read; a success reloads the case, a conflict keeps the drafts. */
  const send = async (what: string, command: (header: Record<string, string>) => Promise<unknown>) => {
    setBusy(true);
    setActionFailure(null);
    setDone(null);
    try {
      await command({ 'If-Match': ifMatch(c.version), 'Idempotency-Key': idempotencyKey() });
      setDone(t(`case.done.${what}`));
      setDrafts(NO_DRAFTS);
      await reload();
    } catch (caught) {
      setActionFailure(caught);
    } finally {
      setBusy(false);
    }
  };
  const check = (found: DraftErrors) => {
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) document.getElementById(`case-${first}`)?.focus();
    return !first;
  };
  const path = { id: c.id };

  const verify = (event: Event) => {
    event.preventDefault();
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
  const reason = (field: 'rejectReason' | 'repairReason' | 'reopenReason') =>
    check(drafts[field].trim() ? {} : { [field]: t('case.error.reason') });

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
          <form class="form panel" onSubmit={verify} noValidate aria-labelledby="verify-title">
            <h3 id="verify-title">{t('case.verify.title')}</h3>
            <Field id="case-severity" label={t('case.severity')} error={errors.severity}>
              {(describedBy, invalid) => (
                <select
                  id="case-severity"
                  value={drafts.severity}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={draft('severity')}
                >
                  <option value="">{t('form.choose')}</option>
                  {SEVERITIES.map((s) => (
                    <option key={s} value={s}>
                      {t(`severity.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="case-area" label={t('case.area')} error={errors.area}>
              {(describedBy, invalid) => (
                <input
                  id="case-area"
                  inputMode="decimal"
                  value={drafts.area}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onInput={draft('area')}
                />
              )}
            </Field>
            <MoneyField
              id="case-estimatedCost"
              label={t('case.estimatedCost')}
              value={drafts.estimatedCost}
              error={errors.estimatedCost}
              onInput={draft('estimatedCost')}
            />
            <button type="submit" disabled={busy}>
              {t('case.verify.submit')}
            </button>
          </form>
          <ReasonForm
            id="rejectReason"
            title={t('case.reject.title')}
            submit={t('case.reject.submit')}
            value={drafts.rejectReason}
            error={errors.rejectReason}
            busy={busy}
            onInput={draft('rejectReason')}
            onSubmit={() =>
              reason('rejectReason') &&
              void send('reject', (header) =>
                answer(
                  api.roadCases.POST('/cases/{id}/reject', {
                    params: { path, header },
                    body: { reason: drafts.rejectReason.trim() },
                  }),
                ),
              )
            }
          />
        </>
      )}
      {role === 'official' && c.status === 'verified' && (
        <AssignForm
          roadCase={c}
          contractId={drafts.contractId}
          error={errors.contractId}
          busy={busy}
          onChoose={(contractId) => setDrafts({ ...drafts, contractId })}
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
        <form
          class="form panel"
          noValidate
          aria-labelledby="repair-title"
          onSubmit={(e) => {
            e.preventDefault();
            void send('reportRepair', (header) =>
              answer(
                api.roadCases.POST('/cases/{id}/report-repair', {
                  params: { path, header },
                  body: { note: drafts.note.trim() },
                }),
              ),
            );
          }}
        >
          <h3 id="repair-title">{t('case.reportRepair.title')}</h3>
          <Field id="case-note" label={t('case.reportRepair.note')} hint={t('form.optional')}>
            {(describedBy) => (
              <textarea
                id="case-note"
                rows={3}
                maxLength={2000}
                value={drafts.note}
                aria-describedby={describedBy}
                onInput={draft('note')}
              />
            )}
          </Field>
          <button type="submit" disabled={busy}>
            {t('case.reportRepair.submit')}
          </button>
        </form>
      )}
      {role === 'inspector' && c.status === 'repair_reported' && (
        <>
          <form
            class="form panel"
            noValidate
            aria-labelledby="accept-title"
            onSubmit={(e) => {
              e.preventDefault();
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
            <h3 id="accept-title">{t('case.acceptRepair.title')}</h3>
            <MoneyField
              id="case-actualCost"
              label={t('case.actualCost')}
              value={drafts.actualCost}
              error={errors.actualCost}
              onInput={draft('actualCost')}
            />
            <button type="submit" disabled={busy}>
              {t('case.acceptRepair.submit')}
            </button>
          </form>
          <ReasonForm
            id="repairReason"
            title={t('case.rejectRepair.title')}
            submit={t('case.rejectRepair.submit')}
            value={drafts.repairReason}
            error={errors.repairReason}
            busy={busy}
            onInput={draft('repairReason')}
            onSubmit={() =>
              reason('repairReason') &&
              void send('rejectRepair', (header) =>
                answer(
                  api.roadCases.POST('/cases/{id}/reject-repair', {
                    params: { path, header },
                    body: { reason: drafts.repairReason.trim() },
                  }),
                ),
              )
            }
          />
        </>
      )}
      {(role === 'inspector' || role === 'official') && c.status === 'closed' && (
        <ReasonForm
          id="reopenReason"
          title={t('case.reopen.title')}
          submit={t('case.reopen.submit')}
          value={drafts.reopenReason}
          error={errors.reopenReason}
          busy={busy}
          onInput={draft('reopenReason')}
          onSubmit={() =>
            reason('reopenReason') &&
            void send('reopen', (header) =>
              answer(
                api.roadCases.POST('/cases/{id}/reopen', {
                  params: { path, header },
                  body: { reason: drafts.reopenReason.trim() },
                }),
              ),
            )
          }
        />
      )}
    </>
  );

  return (
    <section>
      <PageHeading title={`${t(`defect.${c.defectType}`)} — ${c.address}`} />
      <p class="status-line">
        {t('case.status')}{' '}
        <strong class={`badge badge-${c.status}`} data-testid="case-status" data-status={c.status}>
          {t(`caseStatus.${c.status}`)}
        </strong>
        {c.overdue && <strong class="badge badge-overdue"> {t('case.overdue')}</strong>}
      </p>
      <div class="columns">
        <div>
          <dl class="facts">
            <dt>{t('case.number')}</dt>
            <dd>
              <code>{c.id}</code>
            </dd>
            <dt>{t('report.district')}</dt>
            <dd>{districtName(t, c.district)}</dd>
            <dt>{t('case.source')}</dt>
            <dd>{t(`caseSource.${c.source}`)}</dd>
            <dt>{t('case.reports')}</dt>
            <dd>{c.reportIds.length}</dd>
            <dt>{t('case.opened')}</dt>
            <dd>{format.dateTime(c.openedAt)}</dd>
            <dt>{t('case.severity')}</dt>
            <dd data-testid="case-severity">{c.severity ? t(`severity.${c.severity}`) : '—'}</dd>
            <dt>{t('case.estimatedCost')}</dt>
            <dd>{format.money(c.estimatedCostTiyn)}</dd>
            <dt>{t('case.contractor')}</dt>
            <dd>{c.contractorBin ?? '—'}</dd>
            <dt>{t('case.warranty')}</dt>
            <dd>{c.contractId ? (c.underWarranty ? t('case.underWarranty') : t('case.notUnderWarranty')) : '—'}</dd>
            <dt>{t('case.due')}</dt>
            <dd>{format.dateTime(c.dueAt)}</dd>
            <dt>{t('case.reworks')}</dt>
            <dd>{c.reworks}</dd>
            <dt>{t('case.actualCost')}</dt>
            <dd>{format.money(c.actualCostTiyn)}</dd>
          </dl>
          <MapView points={[{ lat: c.lat, lon: c.lon }]} label={t('map.caseLabel')} />
        </div>
        <div>
          <h2>{t('case.actions')}</h2>
          {done && <SuccessNotice text={done} />}
          {actionFailure !== null &&
            (actionFailure instanceof ApiError && actionFailure.isVersionConflict ? (
              <ConflictNotice onReload={() => void reload()} />
            ) : (
              <ErrorNotice error={actionFailure} />
            ))}
          {actions}
          <p>
            <button type="button" class="secondary" onClick={() => void reload()}>
              {t('case.reload')}
            </button>
          </p>
          <h2>{t('case.timeline')}</h2>
          <Timeline events={history} />
        </div>
      </div>
    </section>
  );
}

function MoneyField(props: { id: string; label: string; value: string; error?: string; onInput: (e: Event) => void }) {
  const { t } = useI18n();
  const tiyn = parseTenge(props.value);
  return (
    <Field
      id={props.id}
      label={props.label}
      hint={tiyn === null ? t('case.moneyHint') : t('case.moneyIs', { amount: formatTiyn(tiyn) })}
      error={props.error}
    >
      {(describedBy, invalid) => (
        <input
          id={props.id}
          inputMode="decimal"
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onInput={props.onInput}
        />
      )}
    </Field>
  );
}

function ReasonForm(props: {
  id: string;
  title: string;
  submit: string;
  value: string;
  error?: string;
  busy: boolean;
  onInput: (e: Event) => void;
  onSubmit: () => void;
}) {
  const { t } = useI18n();
  return (
    <form
      class="form panel"
      noValidate
      aria-labelledby={`${props.id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <Field id={`case-${props.id}`} label={t('case.reason')} error={props.error}>
        {(describedBy, invalid) => (
          <textarea
            id={`case-${props.id}`}
            rows={2}
            maxLength={1000}
            value={props.value}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onInput={props.onInput}
          />
        )}
      </Field>
      <button type="submit" class="danger" disabled={props.busy}>
        {props.submit}
      </button>
    </form>
  );
}

/** The official chooses among the contracts covering the case's road (budgets' register), or any contract. */
function AssignForm(props: {
  roadCase: NonNullable<RoadCase> & { address: string };
  contractId: string;
  error?: string;
  busy: boolean;
  onChoose: (contractId: string) => void;
  onSubmit: (contract: Contract | undefined) => void;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const [contracts, setContracts] = useState<Contract[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [showAll, setShowAll] = useState(false);
  useEffect(() => {
    loadContracts().then(setContracts, setFailure);
  }, []);
  const covering = (contracts ?? []).filter((c) => covers(c, props.roadCase.address));
  const offered = showAll || covering.length === 0 ? (contracts ?? []) : covering;

  return (
    <form
      class="form panel"
      noValidate
      aria-labelledby="assign-title"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(offered.find((c) => c.id === props.contractId));
      }}
    >
      <h3 id="assign-title">{t('case.assign.title')}</h3>
      {failure !== null && <ErrorNotice error={failure} />}
      {contracts && covering.length === 0 && <p>{t('case.assign.noneCovering')}</p>}
      <Field
        id="case-contractId"
        label={t('case.assign.contract')}
        hint={t('case.assign.hint', { count: covering.length })}
        error={props.error}
      >
        {(describedBy, invalid) => (
          <select
            id="case-contractId"
            value={props.contractId}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => props.onChoose((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('form.choose')}</option>
            {offered.map((c) => (
              <option key={c.id} value={c.id}>
                {t('case.assign.option', {
                  contractor: c.contractorName,
                  bin: c.contractorBin,
                  road: c.roadSegment.roadName,
                  from: c.roadSegment.fromKm,
                  to: c.roadSegment.toKm,
                  warranty: format.date(c.warrantyEndsAt),
                })}
              </option>
            ))}
          </select>
        )}
      </Field>
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
      <button type="submit" disabled={props.busy}>
        {t('case.assign.submit')}
      </button>
    </form>
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
