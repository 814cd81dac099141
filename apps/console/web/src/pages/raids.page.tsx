import { api, dataOf } from '../api';
import { FiltersForm } from '../components/filters-form.component';
import { Link } from '../components/link.component';
import { statusColumn } from '../components/status-badge.component';
import { PageHeading } from '../components/page-heading.component';
import { forRoles } from '../components/requires-role.component';
import { RoleLink } from '../components/role-link.component';
import { ResultsTable } from '../components/results-table.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { raidStatusChoices, type RaidStatus } from '../labels/raid.labels';
import type { Role } from '../session';
import { givenFilters, useAddressList, type Paging } from '../use-address-list';
import { ChoiceField, DistrictField } from '../components/choice-fields.component';

/** Who may read raids: monitoring's GET /raids and /raids/{id} answer these roles, and refuse any other. */
export const RAID_READERS: Role[] = ['moderator', 'inspector', 'auditor'];

const FILTERS = ['status', 'district'] as const;
const loadRaids = async (filters: Record<(typeof FILTERS)[number], string>, paging: Paging) => {
  const query = givenFilters(filters) as { status?: RaidStatus; district?: string };
  return dataOf(api.monitoring.GET('/raids', { params: { query: { ...query, ...paging } } }));
};

/** The club's raids, newest planned first, by status and district; a moderator plans the next one from here. */
export const RaidsPage = forRoles(RAID_READERS, 'raids.title', Raids);

function Raids() {
  const { t } = useI18n();
  const format = useFormat();
  // The filters live in the address, so going back to the list finds it as it was left.
  const { list, bind, apply } = useAddressList('/raids', 'raids', FILTERS, loadRaids);

  return (
    <section>
      <PageHeading title={t('raids.title')} />
      <RoleLink role="moderator" href="/raids/new">
        {t('raids.plan')}
      </RoleLink>
      <FiltersForm label={t('raids.filters')} onSubmit={() => apply()} onRefresh={list.reload}>
        <ChoiceField {...bind('status')} label={t('board.status')} options={raidStatusChoices(t)} />
        <DistrictField {...bind('district')} />
      </FiltersForm>
      <ResultsTable
        words="raids"
        list={list}
        columns={[
          { label: t('raid.name'), cell: (r) => <Link href={`/raids/${r.id}`}>{r.title}</Link> },
          statusColumn(t, 'raidStatus'),
          { label: t('report.district'), cell: (r) => districtName(t, r.district) },
          { label: t('raid.plannedFor'), cell: (r) => format.dateTime(r.plannedFor) },
          { label: t('raid.defects'), cell: (r) => r.defects.length },
          { label: t('raid.offences'), cell: (r) => r.offences.length },
        ]}
        rowKey={(r) => r.id}
        keyAttribute="data-raid-id"
      />
    </section>
  );
}
