import { useState } from 'preact/hooks';
import type { ServicePaths } from '@app/api-client';
import { answer, api, ApiError, dataOf } from '../api';
import { Link } from '../components/link.component';
import { MapView } from '../components/map.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { LookupForm } from '../components/search-form.component';
import { StepsTimeline, type Step } from '../components/steps-timeline.component';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { navigate } from '../router';
import { Fact } from '../components/fact.component';
import { useRead } from '../use-read';
import { StatusLine } from '../components/status-line.component';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The report as an Open311 request, asked for as JSON (the route also answers the spec's XML). */
type Open311Request = Extract<
  ServicePaths['monitoring']['/open311/v2/requests/{id}.{format}']['get']['responses'][200]['content'],
  { 'application/json': unknown }
>['application/json'];

const loadRequest = async (id: string) => {
  const path = { id, format: 'json' as const };
  const { data } = await answer(api.monitoring.GET('/open311/v2/requests/{id}.{format}', { params: { path } }));
  return (Array.isArray(data) ? data[0] : data) as Open311Request extends (infer R)[] ? R : Open311Request;
};
const loadCase = async (id: string) => dataOf(api.roadCases.GET('/cases/{id}/public', { params: { path: { id } } }));
/** The report, and the public face of the road case that answers it once road-cases opened one. */
const loadStatus = async (id: string) => {
  const request = await loadRequest(id);
  const caseId = request.extended_attributes.case_id;
  return { request, roadCase: caseId ? await loadCase(caseId) : null };
};

/**
 * Anyone follows a report by its number, without signing in: its status and its steps so far, from what the
 * services publish (the report as an Open311 request, and the public face of the road case that answers it).
 */
export function FollowPage(props: { id?: string }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState(props.id ?? '');

  return (
    <section>
      <PageHeading title={t('follow.title')} />
      <LookupForm
        id="follow-id"
        label={t('follow.id')}
        hint={t('follow.idHint')}
        value={typed}
        onValue={setTyped}
        problem={(id) => !UUID.test(id) && t('follow.error.id')}
        go={(id) => navigate(`/follow/${id}`)}
        submit={t('follow.submit')}
      />
      {props.id && UUID.test(props.id) && <ReportStatus key={props.id} id={props.id} />}
    </section>
  );
}

function ReportStatus(props: { id: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const { data, failure, loading, reload } = useRead(() => loadStatus(props.id), [props.id]);

  if (failure instanceof ApiError && failure.status === 404)
    return (
      <p class="notice notice-error" role="alert">
        {t('follow.notFound')}
      </p>
    );
  if (failure) return <ErrorNotice error={failure} />;
  if (!data) return <p role="status">{t('form.loading')}</p>;
  const { request, roadCase } = data;

  const status = request.extended_attributes.integrity_square_status;
  // Resolved with its repair accepted is fixed; resolved otherwise closed without a fix.
  const fixed = status === 'resolved' && (request.status_notes === 'Fixed' || Boolean(roadCase?.acceptedAt));
  const headline = status === 'resolved' ? (fixed ? t('follow.outcome.fixed') : t('follow.outcome.notFixed')) : null;
  const steps: Step[] = [
    { label: t('follow.step.submitted'), at: request.requested_datetime },
    { label: t('follow.step.caseOpened'), at: roadCase?.openedAt },
    { label: t('follow.step.verified'), at: roadCase?.verifiedAt },
    { label: t('follow.step.assigned'), at: roadCase?.assignedAt },
    { label: t('follow.step.repairAccepted'), at: roadCase?.acceptedAt },
    { label: t('follow.step.closed'), at: roadCase?.closedAt },
  ];

  return (
    <article class="panel" aria-labelledby="follow-status-title">
      <h2 id="follow-status-title">{t('follow.report', { id: request.service_request_id })}</h2>
      <StatusLine
        label={t('follow.status')}
        status={status}
        text={headline ?? t(`reportStatus.${status}`)}
        testId="report-status"
        dataStatus={fixed ? 'fixed' : status}
      />
      <dl class="facts">
        <Fact label={t('report.defectType')}>{t(`defect.${request.service_code}`)}</Fact>
        <Fact label={t('report.address')}>{request.address ?? '—'}</Fact>
        <Fact label={t('follow.updated')}>{format.dateTime(request.updated_datetime)}</Fact>
        {roadCase && (
          <>
            <Fact label={t('follow.caseStatus')}>{t(`caseStatus.${roadCase.status}`)}</Fact>
            <Fact label={t('follow.due')}>
              {format.dateTime(roadCase.dueAt)}
              {roadCase.overdue && <strong class="badge badge-overdue"> {t('case.overdue')}</strong>}
            </Fact>
          </>
        )}
      </dl>
      <h3>{t('follow.timeline')}</h3>
      <StepsTimeline steps={steps} />
      {Number.isFinite(request.lat) && (
        <MapView points={[{ lat: request.lat, lon: request.long }]} label={t('map.reportLabel')} />
      )}
      <p class="actions">
        <button type="button" class="secondary" onClick={reload} disabled={loading}>
          {t('follow.refresh')}
        </button>{' '}
        <a href={`/api/monitoring${request.extended_attributes.integrity_square_latest_receipt}`}>
          {t('follow.receipt')}
        </a>
        {roadCase && (
          <>
            {' '}
            <Link href={`/public/cases/${roadCase.id}`}>{t('follow.casePage')}</Link>
          </>
        )}
      </p>
    </article>
  );
}
