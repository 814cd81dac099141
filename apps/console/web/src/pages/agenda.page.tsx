import { useState } from 'preact/hooks';
import { api, dataOf } from '../api';
import { MarkDuplicateForm, type Candidate } from '../components/mark-duplicate.component';
import { ErrorNotice, SuccessNotice } from '../components/notices.component';
import { StatusBadge } from '../components/status-badge.component';
import { PageHeading } from '../components/page-heading.component';
import { Pager } from '../components/pager.component';
import { forRoles } from '../components/requires-role.component';
import { LookupForm } from '../components/search-form.component';
import { districtName } from '../districts';
import { isoWeekOf, todayInAlmaty } from '../format/dates';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';
import { navigate, pageOf, useLocation, withQuery } from '../router';
import { useRead } from '../use-read';
import { Fact } from '../components/fact.component';

const LIMIT = 50;
const WEEK = /^\d{4}-W\d{2}$/;
const loadAgenda = async (week: string, page: number) =>
  dataOf(api.monitoring.GET('/club/agenda', { params: { query: { week, page, limit: LIMIT } } }));
type Agenda = Awaited<ReturnType<typeof loadAgenda>>;
type AgendaReport = Agenda['awaiting'][number];

/** A report in a line: the defect and its address, or the budget line doubted. */
function describe(t: Translate, report: AgendaReport): string {
  const d = report.details;
  if ('address' in d) return `${t(`defect.${d.defectType}`)} — ${d.address}`;
  return t('agenda.budgetLine', { code: d.programmeCode, year: d.fiscalYear, bin: d.institutionBin });
}

/** Two reports about the same thing, as far as the agenda tells: one defect kind in one district, or one budget line. */
function sameSubject(a: AgendaReport, b: AgendaReport): boolean {
  const [x, y] = [a.details, b.details];
  if ('address' in x && 'address' in y) return x.defectType === y.defectType && x.district === y.district;
  if ('programmeCode' in x && 'programmeCode' in y)
    return (
      x.institutionBin === y.institutionBin && x.programmeCode === y.programmeCode && x.fiscalYear === y.fiscalYear
    );
  return false;
}

/** The club's week: the reports still waiting for it (oldest first) and what its meetings of the week decided. */
export const AgendaPage = forRoles(['moderator'], 'agenda.title', AgendaView);

function AgendaView() {
  const { t } = useI18n();
  const location = useLocation();
  const asked = location.searchParams.get('week') ?? '';
  const week = WEEK.test(asked) ? asked : isoWeekOf(todayInAlmaty());
  const page = pageOf(location);
  const [typed, setTyped] = useState(week);
  const [done, setDone] = useState<string | null>(null);
  const agenda = useRead(() => loadAgenda(week, page), [week, page]);
  const go = (next: { week: string; page?: number }) => navigate(withQuery('/agenda', next));
  const changed = (text: string) => {
    setDone(text);
    agenda.reload();
  };

  return (
    <section>
      <PageHeading title={t('agenda.title')} />
      <LookupForm
        search={t('agenda.choose')}
        id="agenda-week"
        label={t('agenda.week')}
        hint={t('agenda.weekHint')}
        value={typed}
        onValue={setTyped}
        problem={(next) => !WEEK.test(next.toUpperCase()) && t('agenda.error.week')}
        go={(next) => go({ week: next.toUpperCase() })}
        submit={t('agenda.show')}
      />
      {done && <SuccessNotice text={done} />}
      {agenda.failure !== null && <ErrorNotice error={agenda.failure} />}
      {agenda.data && (
        <>
          <p data-testid="agenda-week">
            {t('agenda.range', { week: agenda.data.week, from: agenda.data.from, to: agenda.data.to })}
          </p>
          <Awaiting agenda={agenda.data} onChanged={changed} />
          <Decided agenda={agenda.data} />
          <Pager
            what={t('agenda.title')}
            page={page}
            limit={LIMIT}
            total={Math.max(agenda.data.awaitingTotal, agenda.data.decidedTotal)}
            onPage={(next) => go({ week, page: next })}
          />
        </>
      )}
    </section>
  );
}

function ReportFacts(props: { report: AgendaReport }) {
  const { t } = useI18n();
  const format = useFormat();
  const { report } = props;
  return (
    <dl class="facts">
      <Fact label={t('review.number')}>
        <code>{report.id}</code>
      </Fact>
      <Fact label={t('case.status')}>
        <StatusBadge status={report.status} words="reportStatus" />
      </Fact>
      <Fact label={t('review.submitted')}>{format.dateTime(report.submittedAt)}</Fact>
      <Fact label={t('report.district')}>{districtName(t, report.district)}</Fact>
      {report.description && <Fact label={t('report.description')}>{report.description}</Fact>}
    </dl>
  );
}

/** The waiting reports; one under review may be marked a duplicate of another, the nearby ones offered first. */
function Awaiting(props: { agenda: Agenda; onChanged: (text: string) => void }) {
  const { t } = useI18n();
  const { awaiting } = props.agenda;
  // Nearby: the same defect in the same district (or the same budget line), on this agenda.
  const candidates = (report: AgendaReport): Candidate[] =>
    awaiting
      .filter((r) => r.id !== report.id && sameSubject(r, report))
      .map((r) => ({ id: r.id, label: describe(t, r) }));
  return (
    <section aria-labelledby="agenda-awaiting">
      <h2 id="agenda-awaiting">
        {t('agenda.awaiting')} <span class="count">({props.agenda.awaitingTotal})</span>
      </h2>
      {awaiting.length === 0 && <p>{t('review.none')}</p>}
      {awaiting.map((report) => (
        <article
          key={`${report.id}:${report.version}`}
          class="panel report-item"
          aria-labelledby={`agenda-${report.id}`}
          data-report-id={report.id}
        >
          <h3 id={`agenda-${report.id}`}>{describe(t, report)}</h3>
          <ReportFacts report={report} />
          {report.status === 'under_review' ? (
            <MarkDuplicateForm report={report} candidates={candidates(report)} onDone={props.onChanged} />
          ) : (
            <p class="hint">{t('agenda.startFirst')}</p>
          )}
        </article>
      ))}
    </section>
  );
}

/** What the week's meetings decided: accepted, rejected with the reason, or a duplicate of which report. */
function Decided(props: { agenda: Agenda }) {
  const { t } = useI18n();
  const format = useFormat();
  const { decided } = props.agenda;
  return (
    <section aria-labelledby="agenda-decided">
      <h2 id="agenda-decided">
        {t('agenda.decided')} <span class="count">({props.agenda.decidedTotal})</span>
      </h2>
      {decided.length === 0 ? (
        <p>{t('agenda.noneDecided')}</p>
      ) : (
        <ul class="plain timeline" data-testid="agenda-decided">
          {decided.map((report) => (
            <li key={report.id} data-report-id={report.id} data-status={report.status}>
              <span class="when">{format.date(report.meetingDate)}</span> <strong>{describe(t, report)}</strong>:{' '}
              {t(`reportStatus.${report.status}`)}
              {report.duplicateOf && (
                <>
                  {' '}
                  {t('agenda.duplicateOf')} <code>{report.duplicateOf}</code>
                </>
              )}
              {report.reason && <> — {report.reason}</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
