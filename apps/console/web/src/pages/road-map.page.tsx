import type { ServicePaths } from '@app/api-client';
import { answer, api } from '../api';
import { SelectField } from '../components/field.component';
import { FiltersForm } from '../components/filters-form.component';
import { Link } from '../components/link.component';
import { MapView } from '../components/map.component';
import { PageHeading } from '../components/page-heading.component';
import { ReadState } from '../components/read-state.component';
import { Pager } from '../components/pager.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { useAddressFilters } from '../use-address-filters';
import { useRead } from '../use-read';
import { DistrictField } from '../components/choice-fields.component';

const LIMIT = 50;
/** Open311's two states: open (the club accepted it, the road authority works on it) and closed (resolved). */
const STATUSES = ['open', 'closed'] as const;
const FILTERS = ['status', 'district'] as const;
/**
 * Without dates Open311 answers the last 90 days only; the citizens' map shows every accepted report, newest first,
 * so it asks from before the first record (the page size keeps each answer small).
 */
const SINCE_RECORDS_BEGAN = '2000-01-01T00:00:00+05:00';

type Open311Request = Extract<
  ServicePaths['monitoring']['/open311/v2/requests.{format}']['get']['responses'][200]['content'],
  { 'application/json': unknown }
>['application/json'] extends (infer R)[]
  ? R
  : never;

const loadRequests = async (status: string, district: string, page: number) => {
  const query = {
    status: status || undefined,
    district: district || undefined,
    start_date: SINCE_RECORDS_BEGAN,
    page,
    page_size: LIMIT,
  };
  const { data } = await answer(
    api.monitoring.GET('/open311/v2/requests.{format}', { params: { path: { format: 'json' }, query } }),
  );
  return data as unknown as Open311Request[];
};

/**
 * Road defects on the map, for anyone: the reports the club accepted (Open311's public requests), by status and
 * district, each linked to its follow page and, once road-cases opened one, its case's public timeline. The
 * numbered list says everything the markers do, so a keyboard or a screen reader loses nothing without the map.
 */
export function RoadMapPage() {
  const { t } = useI18n();
  const { search, applied, page, bind, go, apply } = useAddressFilters('/map', 'road-map', FILTERS);
  const list = useRead(() => loadRequests(applied.status, applied.district, page), [search]);

  return (
    <section>
      <PageHeading title={t('roadMap.title')} lead={t('roadMap.intro')} />
      <FiltersForm label={t('roadMap.filters')} onSubmit={() => apply()}>
        <SelectField
          {...bind('status')}
          label={t('board.status')}
          empty={t('board.any')}
          options={STATUSES.map((s) => ({ value: s, label: t(`roadMap.status.${s}`) }))}
        />
        <DistrictField {...bind('district')} />
      </FiltersForm>
      <ReadState read={list} />
      {list.data && <RequestList requests={list.data} page={page} onPage={(next) => go(applied, next)} />}
    </section>
  );
}

function RequestList(props: { requests: Open311Request[]; page: number; onPage: (page: number) => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const { requests, page } = props;
  // The numbers continue from page to page, so a marker's number names one report of the whole list.
  const first = (page - 1) * LIMIT + 1;
  const titleOf = (r: Open311Request) => `${t(`defect.${r.service_code}`)} — ${r.address ?? districtName(t, null)}`;
  const located = requests.map((r, i) => ({ r, n: first + i })).filter(({ r }) => Number.isFinite(r.lat));

  if (requests.length === 0)
    return (
      <p role="status" data-testid="road-map-none">
        {page > 1 ? t('roadMap.noMore') : t('roadMap.none')}
      </p>
    );
  return (
    <>
      <p role="status">{t('roadMap.shown', { from: first, to: first + requests.length - 1 })}</p>
      <div class="map-beside-list">
        <ol class="request-list" start={first} data-testid="road-map-list">
          {requests.map((r) => {
            const state = r.extended_attributes.integrity_square_status;
            const shown =
              state === 'resolved'
                ? r.status_notes === 'Fixed'
                  ? t('follow.outcome.fixed')
                  : t('follow.outcome.notFixed')
                : t(`reportStatus.${state}`);
            const caseId = r.extended_attributes.case_id;
            return (
              <li key={r.service_request_id} data-request-id={r.service_request_id}>
                <h2 class="request-title">{titleOf(r)}</h2>
                <p>
                  <span class={`badge badge-${r.status}`} data-status={r.status}>
                    {shown}
                  </span>{' '}
                  {districtName(t, r.extended_attributes.district)} ·{' '}
                  {t('roadMap.submitted', { at: format.dateTime(r.requested_datetime) })}
                </p>
                <p class="actions">
                  <Link href={`/follow/${r.service_request_id}`}>{t('roadMap.follow')}</Link>
                  {caseId && <Link href={`/public/cases/${caseId}`}>{t('roadMap.caseTimeline')}</Link>}
                </p>
              </li>
            );
          })}
        </ol>
        <MapView
          large
          points={located.map(({ r, n }) => ({ lat: r.lat, lon: r.long, label: `${n}. ${titleOf(r)}` }))}
          label={t('map.requestsLabel')}
        />
      </div>
      <Pager
        what={t('roadMap.title')}
        page={page}
        limit={LIMIT}
        more={requests.length === LIMIT}
        onPage={props.onPage}
      />
    </>
  );
}
