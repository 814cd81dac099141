import { api, dataOf } from '../api';
import { CodeField } from '../components/field.component';
import { FiltersForm } from '../components/filters-form.component';
import { Link } from '../components/link.component';
import { MapView } from '../components/map.component';
import { statusColumn } from '../components/status-badge.component';
import { PageHeading } from '../components/page-heading.component';
import { RequiresRole } from '../components/requires-role.component';
import { ResultsTable } from '../components/results-table.component';
import { districtName, type DefectType } from '../districts';
import { isBin } from '../labels/budget.labels';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { useSession } from '../session';
import { givenFilters, useAddressList, type Paging } from '../use-address-list';
import { ChoiceField, DefectTypeField, DistrictField, YesNoField } from '../components/choice-fields.component';

export const CASE_STATUSES = ['opened', 'verified', 'assigned', 'repair_reported', 'closed', 'rejected'] as const;
type CaseStatus = (typeof CASE_STATUSES)[number];

/** The board's filters as the address holds them (every one the service's GET /cases takes). */
interface BoardFilter {
  status?: CaseStatus;
  district?: string;
  contractorBin?: string;
  overdue?: 'true' | 'false';
  defectType?: DefectType;
}
const FILTER_NAMES = ['status', 'district', 'contractorBin', 'overdue', 'defectType'] as const;

/** The cases the filters applied find (those left empty filter nothing). */
const loadCases = async (applied: Record<(typeof FILTER_NAMES)[number], string>, paging: Paging) => {
  const filter = givenFilters(applied) as BoardFilter;
  return dataOf(api.roadCases.GET('/cases', { params: { query: { ...filter, ...paging } } }));
};

/** The case board: inspectors', officials' and auditors' view of every case, a contractor's of its own. */
export function CaseBoardPage() {
  const { t } = useI18n();
  const signedIn = useSession();
  const title = signedIn?.role === 'contractor' ? t('board.titleContractor') : t('board.title');
  return (
    <RequiresRole roles={['inspector', 'official', 'contractor', 'auditor']} title={title}>
      <CaseBoard title={title} />
    </RequiresRole>
  );
}

function CaseBoard(props: { title: string }) {
  const { t } = useI18n();
  const format = useFormat();
  // The filters live in the address, so going back to the board finds it as it was left.
  const { list, bind, apply } = useAddressList('/cases', 'board', FILTER_NAMES, loadCases);
  const submit = () => apply({ contractorBin: (bin) => !isBin(bin) && t('board.error.contractorBin') });

  return (
    <section>
      <PageHeading title={props.title} />
      <FiltersForm label={t('board.filters')} onSubmit={submit} onRefresh={list.reload}>
        <ChoiceField
          {...bind('status')}
          label={t('board.status')}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))}
        />
        <DistrictField {...bind('district')} />
        <DefectTypeField {...bind('defectType')} />
        <YesNoField
          {...bind('overdue')}
          label={t('board.overdue')}
          yes={t('board.overdue.true')}
          no={t('board.overdue.false')}
        />
        <CodeField {...bind('contractorBin')} label={t('board.contractorBin')} digits={12} />
      </FiltersForm>
      <ResultsTable
        words="board"
        title={props.title}
        list={list}
        columns={[
          {
            label: t('board.case'),
            cell: (c) => (
              <Link href={`/cases/${c.id}`}>
                {t(`defect.${c.defectType}`)} — {c.address}
              </Link>
            ),
          },
          // With the badge that it is overdue, when it is.
          statusColumn<{ status: string; overdue: boolean }>(
            t,
            'caseStatus',
            (c) => c.overdue && <span class="badge badge-overdue"> {t('case.overdue')}</span>,
          ),
          { label: t('report.district'), cell: (c) => districtName(t, c.district) },
          { label: t('case.severity'), cell: (c) => (c.severity ? t(`severity.${c.severity}`) : '—') },
          { label: t('case.opened'), cell: (c) => format.dateTime(c.openedAt) },
          { label: t('case.due'), cell: (c) => format.dateTime(c.dueAt) },
        ]}
        rowKey={(c) => c.id}
        keyAttribute="data-case-id"
        after={(items) => (
          <MapView points={items.map((c) => ({ lat: c.lat, lon: c.lon }))} label={t('map.boardLabel')} />
        )}
      />
    </section>
  );
}
