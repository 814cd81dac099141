import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { answer, api } from '../api';
import { TextAreaField } from '../components/field.component';
import { Link, LinkLine } from '../components/link.component';
import { MapView } from '../components/map.component';
import { OptionalTextStep } from '../components/optional-text-step.component';
import { PageHeading } from '../components/page-heading.component';
import { ReadState } from '../components/read-state.component';
import { RecordSteps } from '../components/record-steps.component';
import { RaidDefectForm } from '../components/raid-defect-form.component';
import { RaidOffenceForm } from '../components/raid-offence-form.component';
import { forRoles } from '../components/requires-role.component';
import { StepForm } from '../components/step-form.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { offenceName } from '../labels/fine.labels';
import { lines } from '../labels/raid.labels';
import { fineOfOffence, type FineOfOffence } from '../raids/fine-of-offence';
import { emptyDrafts, withStepEmptied, type RaidDrafts, type RaidStep } from '../raids/raid-drafts';
import { useSession } from '../session';
import { useDraftForm } from '../use-draft-form';
import { useRecordSteps, type StepCommand } from '../use-record-steps';
import { RAID_READERS } from './raids.page';
import { Fact } from '../components/fact.component';
import { StatusLine } from '../components/status-line.component';

const loadRaid = async (id: string) => {
  const { data } = await answer(api.monitoring.GET('/raids/{id}', { params: { path: { id } } }));
  if (!('title' in data)) throw new Error('a raid read without ?asOf= is its board row');
  return data;
};
type Raid = Awaited<ReturnType<typeof loadRaid>>;

/** The fine of each offence, as fines answers it now (offences are read again with the raid). */
async function loadFines(raid: Raid): Promise<Record<string, FineOfOffence>> {
  const answers = await Promise.all(raid.offences.map(async (o) => [o.offenceId, await fineOfOffence(o.offenceId)]));
  return Object.fromEntries(answers);
}

export const RaidPage = forRoles(RAID_READERS, 'raid.title', RaidView);

/**
 * One raid: what and where, its status, what it found (defects, which become road cases; offences, which become
 * fines, each linked once fines has issued it) and the steps the signed-in role may take now. Every step is sent with
 * If-Match (the version this page read): if someone else changed the raid meanwhile, monitoring refuses with 409 and
 * the page says so, keeping what was typed, instead of overwriting their change.
 */
function RaidView(props: { id: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const role = useSession()?.role;
  const [fines, setFines] = useState<Record<string, FineOfOffence>>({});
  const {
    draft: drafts,
    setDraft: setDrafts,
    update,
    bind,
    check,
  } = useDraftForm<RaidDrafts>('raid', () => emptyDrafts());
  const steps = useRecordSteps(
    'raid',
    () => loadRaid(props.id),
    [props.id],
    async (loaded) => setFines(await loadFines(loaded)),
  );
  const { record: raid, failure, reload, done, busy } = steps;

  if (failure || !raid) return <ReadState read={{ data: raid, failure }} />;
  const r = raid;

  /** Sends one step at the version read; a success empties its form and reloads, a conflict keeps every draft. */
  const send = (step: RaidStep, command: StepCommand) =>
    steps.send(r.version, step, command, () => setDrafts((d) => withStepEmptied(d, step)));
  const path = { id: r.id };
  /** What the defect's and the offence's forms both take: the drafts, bound, and the check of their errors. */
  const stepForm = { drafts, bind, busy, check };

  // What the role may do at this status, as monitoring decides it (a step refused anyway is shown as its answer).
  const moderator = role === 'moderator';
  const conducted = r.status === 'conducted';
  const canAct = (moderator && r.status !== 'closed') || (role === 'inspector' && conducted);
  const actions = (
    <>
      {!canAct && <p>{t('raid.nothingToDo')}</p>}
      {moderator && r.status === 'planned' && (
        <StepForm
          words="raid.conduct"
          busy={busy}
          onSubmit={() => {
            const participants = lines(drafts.participants);
            if (check(participants.length > 0 ? {} : { participants: t('raid.error.participants') }))
              void send('conduct', (header) =>
                answer(
                  api.monitoring.POST('/raids/{id}/conduct', { params: { path, header }, body: { participants } }),
                ),
              );
          }}
        >
          <TextAreaField
            {...bind('participants')}
            label={t('raid.participants')}
            hint={t('raid.conduct.participantsHint')}
            mandatory
            rows={3}
          />
        </StepForm>
      )}
      {moderator && conducted && (
        <RaidDefectForm
          {...stepForm}
          raidDistrict={r.district}
          update={update}
          onSend={(body) =>
            void send('defect', (header) =>
              answer(api.monitoring.POST('/raids/{id}/defects', { params: { path, header }, body })),
            )
          }
        />
      )}
      {(moderator || role === 'inspector') && conducted && (
        <RaidOffenceForm
          {...stepForm}
          onSend={(body) =>
            void send('offence', (header) =>
              answer(api.monitoring.POST('/raids/{id}/offences', { params: { path, header }, body })),
            )
          }
        />
      )}
      {moderator && conducted && (
        <OptionalTextStep
          words="raid.close"
          busy={busy}
          field={bind('summary')}
          label={t('raid.summary')}
          onSend={(summary) =>
            void send('close', (header) =>
              answer(api.monitoring.POST('/raids/{id}/close', { params: { path, header }, body: { summary } })),
            )
          }
        />
      )}
    </>
  );

  return (
    <section>
      <PageHeading title={r.title} />
      <StatusLine label={t('case.status')} status={r.status} text={t(`raidStatus.${r.status}`)} testId="raid-status" />
      <div class="columns">
        <div>
          <dl class="facts" data-testid="raid-facts">
            <Fact label={t('fine.raid')}>
              <code>{r.id}</code>
            </Fact>
            <Fact label={t('report.district')}>{districtName(t, r.district)}</Fact>
            <Fact label={t('raid.plannedFor')}>{format.dateTime(r.plannedFor)}</Fact>
            <Fact label={t('raid.plannedBy')}>{r.plannedBy}</Fact>
            <Fact label={t('raid.participants')} testId="raid-participants">
              {r.participants.length > 0 ? r.participants.join(', ') : '—'}
            </Fact>
            <Fact label={t('raid.conductedAt')}>{format.dateTime(r.conductedAt)}</Fact>
            <Fact label={t('raid.closedAt')}>{format.dateTime(r.closedAt)}</Fact>
            <Fact label={t('raid.summary')}>{r.summary || '—'}</Fact>
          </dl>
          <Findings raid={r} fines={fines} />
        </div>
        <div>
          <RecordSteps
            done={done}
            failure={steps.refusal}
            onReload={() => void reload()}
            reloadLabel={t('raid.reload')}
            reloadTestId="raid-reload"
            audit={role === 'auditor' ? { href: `/audit/raid/${r.id}`, label: t('raid.audit') } : undefined}
          >
            {actions}
          </RecordSteps>
          <LinkLine href="/raids">{t('raid.backToList')}</LinkLine>
        </div>
      </div>
    </section>
  );
}

/** The defects (on a map too) and the offences the raid recorded, each offence with its fine once fines issued it. */
function Findings(props: { raid: Raid; fines: Record<string, FineOfOffence> }) {
  const { t } = useI18n();
  const format = useFormat();
  const { raid } = props;
  return (
    <>
      <FindingsList id="raid-defects" title={t('raid.defects')} count={raid.defects.length} none={t('raid.noDefects')}>
        <ul class="findings" aria-labelledby="raid-defects" data-testid="raid-defects">
          {raid.defects.map((d) => (
            <li key={d.defectId} data-defect-id={d.defectId}>
              <strong>{t(`defect.${d.defectType}`)}</strong> — {d.address}, {districtName(t, d.district)}
              {d.description && <p class="detail">{d.description}</p>}
              <p class="hint">{t('raid.defect.toCase')}</p>
            </li>
          ))}
        </ul>
        <MapView points={raid.defects.map((d) => d.location)} label={t('raid.defectsMap')} />
      </FindingsList>
      <FindingsList
        id="raid-offences"
        title={t('raid.offences')}
        count={raid.offences.length}
        none={t('raid.noOffences')}
      >
        <ul class="findings" aria-labelledby="raid-offences" data-testid="raid-offences">
          {raid.offences.map((o) => {
            const fine = props.fines[o.offenceId];
            return (
              <li key={o.offenceId} data-offence-id={o.offenceId}>
                <strong>{offenceName(t, o.offenceType)}</strong> — {o.place}, {format.dateTime(o.committedAt)}
                <p class="detail">
                  {t('raid.offence.category')}: {t(`offender.${o.offenderCategory}`)}
                  {o.offenderBin && (
                    <>
                      {' '}
                      ({t('raid.offence.bin')} <code>{o.offenderBin}</code>)
                    </>
                  )}
                </p>
                <p class="detail">
                  {t('raid.offence.evidence')}:{' '}
                  {o.evidence.map((link, i) => (
                    <span key={link}>
                      {i > 0 && ', '}
                      <a href={link} rel="noopener noreferrer" target="_blank">
                        {link}
                      </a>
                    </span>
                  ))}
                </p>
                <p data-testid="offence-fine">
                  {typeof fine === 'object' ? (
                    <Link href={`/fines/${fine.id}`}>
                      {t('raid.offence.fine', { status: t(`fineStatus.${fine.status}`) })}
                    </Link>
                  ) : fine === 'pending' ? (
                    t('raid.offence.finePending')
                  ) : null}
                </p>
              </li>
            );
          })}
        </ul>
      </FindingsList>
    </>
  );
}

/** One kind of finding: its heading (how many), and the list of them, or that there are none. */
function FindingsList(props: { id: string; title: string; count: number; none: string; children: ComponentChildren }) {
  return (
    <>
      <h2 id={props.id}>
        {props.title} ({props.count})
      </h2>
      {props.count === 0 ? <p>{props.none}</p> : props.children}
    </>
  );
}
