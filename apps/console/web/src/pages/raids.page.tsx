import { api, dataOf } from '../api';
import { SelectField } from '../components/field.component';
import { FiltersForm } from '../components/filters-form.component';
import { Link } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { forRoles } from '../components/requires-role.component';
import { ResultsTable } from '../components/results-table.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { raidStatusChoices, type RaidStatus } from '../labels/raid.labels';
import { useSession, type Role } from '../session';
import { useAddressFilters } from '../use-address-filters';
import { useRead } from '../use-read';
import { DistrictField } from '../components/choice-fields.component';

/** Who may read raids: monitoring's GET /raids and /raids/{id} answer these roles, and refuse any other. */
export const RAID_READERS: Role[] = ['moderator', 'inspector', 'auditor'];

const LIMIT = 50;
const FILTERS = ['status', 'district'] as const;
const loadRaids = async (status: RaidStatus | undefined, district: string | undefined, page: number) =>
  dataOf(api.monitoring.GET('/raids', { params: { query: { status, district, page, limit: LIMIT } } }));

/** The club's raids, newest planned first, by status and district; a moderator plans the next one from here. */
export const RaidsPage = forRoles(RAID_READERS, 'raids.title', Raids);

function Raids() {
  const { t } = useI18n();
  const format = useFormat();
  const signedIn = useSession();
  // The filters live in the address, so going back to the list finds it as it was left.
  const { search, applied, page, chosen, bind, apply, onPage } = useAddressFilters('/raids', 'raids', FILTERS);
  const status = (applied.status || undefined) as RaidStatus | undefined;
  const list = useRead(() => loadRaids(status, applied.district || undefined, page), [search]);

  return (
    <section>
      <PageHeading title={t('raids.title')} />
      {signedIn?.role === 'moderator' && (
        <p>
          <Link href="/raids/new">{t('raids.plan')}</Link>
        </p>
      )}
      <FiltersForm label={t('raids.filters')} onSubmit={() => apply(chosen)} onRefresh={list.reload}>
        <SelectField
          {...bind('status')}
          label={t('board.status')}
          empty={t('board.any')}
          options={raidStatusChoices(t)}
        />
        <DistrictField {...bind('district')} />
      </FiltersForm>
      <ResultsTable
        title={t('raids.title')}
        count={(total) => t('raids.count', { total })}
        testId="raids"
        read={list}
        columns={[
          { label: t('raid.name'), cell: (r) => <Link href={`/raids/${r.id}`}>{r.title}</Link> },
          {
            label: t('board.status'),
            cell: (r) => <span class={`badge badge-${r.status}`}>{t(`raidStatus.${r.status}`)}</span>,
          },
          { label: t('report.district'), cell: (r) => districtName(t, r.district) },
          { label: t('raid.plannedFor'), cell: (r) => format.dateTime(r.plannedFor) },
          { label: t('raid.defects'), cell: (r) => r.defects.length },
          { label: t('raid.offences'), cell: (r) => r.offences.length },
        ]}
        rowKey={(r) => r.id}
        rowData={(r) => ({ 'data-raid-id': r.id })}
        page={page}
        limit={LIMIT}
        onPage={onPage}
      />
    </section>
  );
}
