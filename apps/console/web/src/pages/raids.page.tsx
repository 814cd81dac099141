import { useState } from 'preact/hooks';
import { answer, api } from '../api';
import { draftBinder, SelectField } from '../components/field.component';
import { Link } from '../components/link.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { Pager } from '../components/pager.component';
import { RequiresRole } from '../components/requires-role.component';
import { districtChoices, districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { raidStatusChoices, type RaidStatus } from '../labels/raid.labels';
import { navigate, pageOf, useLocation, withQuery } from '../router';
import { useSession, type Role } from '../session';
import { useRead } from '../use-read';

/** Who may read raids: monitoring's GET /raids and /raids/{id} answer these roles, and refuse any other. */
export const RAID_READERS: Role[] = ['moderator', 'inspector', 'auditor'];

const LIMIT = 50;
const loadRaids = async (status: RaidStatus | undefined, district: string | undefined, page: number) =>
  (await answer(api.monitoring.GET('/raids', { params: { query: { status, district, page, limit: LIMIT } } }))).data;

/** The club's raids, newest planned first, by status and district; a moderator plans the next one from here. */
export function RaidsPage() {
  const { t } = useI18n();
  return (
    <RequiresRole roles={RAID_READERS} title={t('raids.title')}>
      <Raids />
    </RequiresRole>
  );
}

function Raids() {
  const { t } = useI18n();
  const format = useFormat();
  const signedIn = useSession();
  const location = useLocation();
  // The filters live in the address, so going back to the list finds it as it was left.
  const status = (location.searchParams.get('status') || undefined) as RaidStatus | undefined;
  const district = location.searchParams.get('district') || undefined;
  const page = pageOf(location);
  const [chosen, setChosen] = useState({ status: status ?? '', district: district ?? '' });
  const bind = draftBinder('raids', chosen, {}, (change) => setChosen((c) => ({ ...c, ...change })));
  const list = useRead(() => loadRaids(status, district, page), [location.search]);
  const go = (next: { status?: string; district?: string; page?: number }) => navigate(withQuery('/raids', next));

  return (
    <section>
      <PageHeading title={t('raids.title')} />
      {signedIn?.role === 'moderator' && (
        <p>
          <Link href="/raids/new">{t('raids.plan')}</Link>
        </p>
      )}
      <form
        class="form inline filters"
        role="search"
        aria-label={t('raids.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          go(chosen);
        }}
      >
        <SelectField
          {...bind('status')}
          label={t('board.status')}
          empty={t('board.any')}
          options={raidStatusChoices(t)}
        />
        <SelectField
          {...bind('district')}
          label={t('report.district')}
          empty={t('board.any')}
          options={districtChoices(t)}
        />
        <button type="submit">{t('board.apply')}</button>
        <button type="button" class="secondary" onClick={list.reload}>
          {t('board.refresh')}
        </button>
      </form>
      {list.failure !== null && <ErrorNotice error={list.failure} />}
      {list.data && (
        <>
          <p role="status">{t('raids.count', { total: list.data.total })}</p>
          {list.data.items.length > 0 && (
            <div class="table-wrap">
              <table class="cases" data-testid="raids">
                <caption class="visually-hidden">{t('raids.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('raid.name')}</th>
                    <th scope="col">{t('board.status')}</th>
                    <th scope="col">{t('report.district')}</th>
                    <th scope="col">{t('raid.plannedFor')}</th>
                    <th scope="col">{t('raid.defects')}</th>
                    <th scope="col">{t('raid.offences')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((r) => (
                    <tr key={r.id} data-raid-id={r.id}>
                      <td>
                        <Link href={`/raids/${r.id}`}>{r.title}</Link>
                      </td>
                      <td>
                        <span class={`badge badge-${r.status}`}>{t(`raidStatus.${r.status}`)}</span>
                      </td>
                      <td>{districtName(t, r.district)}</td>
                      <td>{format.dateTime(r.plannedFor)}</td>
                      <td>{r.defects.length}</td>
                      <td>{r.offences.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            what={t('raids.title')}
            page={page}
            limit={LIMIT}
            total={list.data.total}
            onPage={(next) => go({ status, district, page: next })}
          />
        </>
      )}
    </section>
  );
}
