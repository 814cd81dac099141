import { useEffect, useState } from 'preact/hooks';
import { answer, api } from '../api';
import { draftBinder, InputField, SelectField } from '../components/field.component';
import { Link } from '../components/link.component';
import { MapView } from '../components/map.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { Pager } from '../components/pager.component';
import { RequiresRole } from '../components/requires-role.component';
import { defectChoices, districtChoices, districtName, type DefectType } from '../districts';
import { isBin } from '../labels/budget.labels';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { navigate, pageOf, useLocation, withQuery } from '../router';
import { useSession } from '../session';

export const CASE_STATUSES = ['opened', 'verified', 'assigned', 'repair_reported', 'closed', 'rejected'] as const;
type CaseStatus = (typeof CASE_STATUSES)[number];
type CaseList = Awaited<ReturnType<typeof loadCases>>;

const LIMIT = 50;

/** The board's filters as the address holds them (every one the service's GET /cases takes). */
interface BoardFilter {
  status?: CaseStatus;
  district?: string;
  contractorBin?: string;
  overdue?: 'true' | 'false';
  defectType?: DefectType;
}
const FILTER_NAMES = ['status', 'district', 'contractorBin', 'overdue', 'defectType'] as const;

const loadCases = async (filter: BoardFilter, page: number) =>
  (await answer(api.roadCases.GET('/cases', { params: { query: { ...filter, page, limit: LIMIT } } }))).data;

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
  const location = useLocation();
  // The filters live in the address, so going back to the board finds it as it was left.
  const filter = Object.fromEntries(
    FILTER_NAMES.flatMap((name) => {
      const value = location.searchParams.get(name);
      return value ? [[name, value]] : [];
    }),
  ) as BoardFilter;
  const page = pageOf(location);
  const fromAddress = () => Object.fromEntries(FILTER_NAMES.map((name) => [name, filter[name] ?? ''])) as Chosen;
  type Chosen = Record<(typeof FILTER_NAMES)[number], string>;
  const [chosen, setChosen] = useState<Chosen>(fromAddress);
  const [errors, setErrors] = useState<{ contractorBin?: string }>({});
  const bind = draftBinder('board', chosen, errors, (change) => setChosen((c) => ({ ...c, ...change })));
  const [list, setList] = useState<CaseList | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(filter);
  // Back and forward change the address: the form follows what is shown.
  useEffect(() => setChosen(fromAddress()), [key]);

  useEffect(() => {
    loadCases(filter, page).then((loaded) => {
      setList(loaded);
      setFailure(null);
    }, setFailure);
  }, [key, page, generation]);

  const go = (next: Partial<Chosen> & { page?: number }) => navigate(withQuery('/cases', next));

  return (
    <section>
      <PageHeading title={props.title} />
      <form
        class="form inline filters"
        role="search"
        aria-label={t('board.filters')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const bin = chosen.contractorBin.trim();
          if (bin && !isBin(bin)) {
            setErrors({ contractorBin: t('board.error.contractorBin') });
            document.getElementById('board-contractorBin')?.focus();
            return;
          }
          setErrors({});
          go({ ...chosen, contractorBin: bin });
        }}
      >
        <SelectField
          {...bind('status')}
          label={t('board.status')}
          empty={t('board.any')}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))}
        />
        <SelectField
          {...bind('district')}
          label={t('report.district')}
          empty={t('board.any')}
          options={districtChoices(t)}
        />
        <SelectField
          {...bind('defectType')}
          label={t('report.defectType')}
          empty={t('board.any')}
          options={defectChoices(t)}
        />
        <SelectField
          {...bind('overdue')}
          label={t('board.overdue')}
          empty={t('board.any')}
          options={[
            { value: 'true', label: t('board.overdue.true') },
            { value: 'false', label: t('board.overdue.false') },
          ]}
        />
        <InputField
          {...bind('contractorBin')}
          label={t('board.contractorBin')}
          inputMode="numeric"
          maxLength={12}
          spellcheck={false}
          autoComplete="off"
        />
        <button type="submit">{t('board.apply')}</button>
        <button type="button" class="secondary" onClick={() => setGeneration((g) => g + 1)}>
          {t('board.refresh')}
        </button>
      </form>
      {failure !== null && <ErrorNotice error={failure} />}
      {list && (
        <>
          <p role="status">{t('board.count', { total: list.total })}</p>
          {list.items.length > 0 && (
            <>
              <div class="table-wrap">
                <table class="cases">
                  <caption class="visually-hidden">{props.title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('board.case')}</th>
                      <th scope="col">{t('board.status')}</th>
                      <th scope="col">{t('report.district')}</th>
                      <th scope="col">{t('case.severity')}</th>
                      <th scope="col">{t('case.opened')}</th>
                      <th scope="col">{t('case.due')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((c) => (
                      <tr key={c.id} data-case-id={c.id}>
                        <td>
                          <Link href={`/cases/${c.id}`}>
                            {t(`defect.${c.defectType}`)} — {c.address}
                          </Link>
                        </td>
                        <td>
                          <span class={`badge badge-${c.status}`}>{t(`caseStatus.${c.status}`)}</span>
                          {c.overdue && <span class="badge badge-overdue"> {t('case.overdue')}</span>}
                        </td>
                        <td>{districtName(t, c.district)}</td>
                        <td>{c.severity ? t(`severity.${c.severity}`) : '—'}</td>
                        <td>{format.dateTime(c.openedAt)}</td>
                        <td>{format.dateTime(c.dueAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <MapView points={list.items.map((c) => ({ lat: c.lat, lon: c.lon }))} label={t('map.boardLabel')} />
            </>
          )}
          <Pager
            what={props.title}
            page={page}
            limit={LIMIT}
            total={list.total}
            onPage={(next) => go({ ...filter, page: next })}
          />
        </>
      )}
    </section>
  );
}
