import { useEffect, useState } from 'preact/hooks';
import { answer, api, dataOf } from '../api';
import { InputField, TextAreaField } from '../components/field.component';
import { CommandFailureNotice, ErrorNotice, SuccessNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { Pager } from '../components/pager.component';
import { forRoles } from '../components/requires-role.component';
import { districtName } from '../districts';
import { todayInAlmaty } from '../format/dates';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { commandHeader, useSend } from '../use-send';
import { Fact } from '../components/fact.component';

type ReportList = Awaited<ReturnType<typeof loadReports>>;
type Report = ReportList['items'][number];
type Waiting = 'submitted' | 'under_review';

const loadReports = async (status: Waiting, page: number) =>
  dataOf(api.monitoring.GET('/reports', { params: { query: { kind: 'road_defect', status, page, limit: 20 } } }));

/** The club's moderator: the new reports to take up, and those under review to accept or reject. */
export const ReviewPage = forRoles(['moderator'], 'review.title', Review);

function Review() {
  const { t } = useI18n();
  const [done, setDone] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const changed = (text: string) => {
    setDone(text);
    setGeneration((g) => g + 1);
  };
  return (
    <section>
      <PageHeading title={t('review.title')} lead={t('review.intro')} />
      {done && <SuccessNotice text={done} />}
      <p>
        <button type="button" class="secondary" onClick={() => setGeneration((g) => g + 1)}>
          {t('review.refresh')}
        </button>
      </p>
      <ReportSection status="submitted" title={t('review.new')} generation={generation} onChanged={changed} />
      <ReportSection
        status="under_review"
        title={t('review.underReview')}
        generation={generation}
        onChanged={changed}
      />
    </section>
  );
}

function ReportSection(props: {
  status: Waiting;
  title: string;
  generation: number;
  onChanged: (text: string) => void;
}) {
  const { t } = useI18n();
  const [list, setList] = useState<ReportList | null>(null);
  const [page, setPage] = useState(1);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    loadReports(props.status, page).then(
      (loaded) => {
        setList(loaded);
        setFailure(null);
      },
      (caught) => setFailure(caught),
    );
  }, [props.status, page, props.generation]);

  const headingId = `review-${props.status}`;
  return (
    <section aria-labelledby={headingId} class="review-section">
      <h2 id={headingId}>
        {props.title} {list && <span class="count">({list.total})</span>}
      </h2>
      {failure !== null && <ErrorNotice error={failure} />}
      {list && list.items.length === 0 && <p>{t('review.none')}</p>}
      {list?.items.map((report) => (
        <ReportItem key={`${report.id}:${report.version}`} report={report} onChanged={props.onChanged} />
      ))}
      {list && <Pager what={props.title} page={page} limit={list.limit} total={list.total} onPage={setPage} />}
    </section>
  );
}

function ReportItem(props: { report: Report; onChanged: (text: string) => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const { report } = props;
  const road = 'address' in report.details ? report.details : null;
  const [meetingDate, setMeetingDate] = useState(todayInAlmaty);
  const [reason, setReason] = useState('');
  const { failure, setFailure, busy, send } = useSend();
  const [reasonError, setReasonError] = useState<string | null>(null);
  const id = report.id;

  const run = async (action: 'start' | 'accept' | 'reject') => {
    setFailure(null);
    setReasonError(null);
    if (action === 'reject' && !reason.trim()) {
      setReasonError(t('review.reasonNeeded'));
      document.getElementById(`reason-${id}`)?.focus();
      return;
    }
    await send(async () => {
      const params = { path: { id }, header: commandHeader(report.version) };
      if (action === 'start') await answer(api.monitoring.POST('/reports/{id}/start-review', { params }));
      if (action === 'accept')
        await answer(api.monitoring.POST('/reports/{id}/accept', { params, body: { meetingDate } }));
      if (action === 'reject')
        await answer(
          api.monitoring.POST('/reports/{id}/reject', { params, body: { meetingDate, reason: reason.trim() } }),
        );
      props.onChanged(t(`review.done.${action}`, { id }));
    });
  };

  const titleId = `report-${id}-title`;
  return (
    <article class="panel report-item" aria-labelledby={titleId} data-report-id={id}>
      <h3 id={titleId}>{road ? `${t(`defect.${road.defectType}`)} — ${road.address}` : t('review.budgetReport')}</h3>
      <dl class="facts">
        <Fact label={t('review.number')}>
          <code>{id}</code>
        </Fact>
        <Fact label={t('review.submitted')}>{format.dateTime(report.submittedAt)}</Fact>
        <Fact label={t('report.district')}>{districtName(t, report.district)}</Fact>
        <Fact label={t('review.reporter')}>
          {report.anonymous ? t('review.anonymous') : t('review.signedInCitizen')}
        </Fact>
        {report.description && <Fact label={t('report.description')}>{report.description}</Fact>}
        {road && road.photos.length > 0 && (
          <Fact label={t('report.photos')}>
            <ul class="plain">
              {road.photos.map((photo, index) => (
                <li key={photo}>
                  <a href={photo} rel="noopener noreferrer nofollow" target="_blank">
                    {t('review.photo', { n: index + 1 })}
                  </a>
                </li>
              ))}
            </ul>
          </Fact>
        )}
      </dl>
      <CommandFailureNotice failure={failure} onReload={() => props.onChanged(t('review.reloaded'))} />
      {report.status === 'submitted' ? (
        <button type="button" disabled={busy} onClick={() => void run('start')}>
          {t('review.startReview')}
        </button>
      ) : (
        <div class="decision">
          <InputField
            id={`meeting-${id}`}
            label={t('review.meetingDate')}
            type="date"
            value={meetingDate}
            onValue={setMeetingDate}
            required
          />
          <button type="button" disabled={busy} onClick={() => void run('accept')}>
            {t('review.accept')}
          </button>
          <TextAreaField
            id={`reason-${id}`}
            label={t('review.reason')}
            hint={t('review.reasonHint')}
            error={reasonError}
            value={reason}
            onValue={setReason}
            rows={2}
            maxLength={1000}
          />
          <button type="button" class="danger" disabled={busy} onClick={() => void run('reject')}>
            {t('review.reject')}
          </button>
        </div>
      )}
    </article>
  );
}
