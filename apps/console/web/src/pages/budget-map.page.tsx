import { useEffect, useState } from 'preact/hooks';
import { answer, api, dataOf } from '../api';
import { ColumnHeads } from '../components/data-table.component';
import { Link } from '../components/link.component';
import { PageHeading } from '../components/page-heading.component';
import { LookupForm } from '../components/search-form.component';
import { ReadState } from '../components/read-state.component';
import { MapView } from '../components/map.component';
import { DISTRICT_CENTRES, districtName } from '../districts';
import { todayInAlmaty } from '../format/dates';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { isFiscalYear, yearProblem } from '../labels/budget.labels';
import { navigate, useLocation, withQuery } from '../router';
import { useRead } from '../use-read';

/**
 * The year a reader meets first: the latest one the register has a programme of (its list is the latest year first),
 * else this year in Almaty.
 */
const latestYear = async (): Promise<number> => {
  const { data } = await answer(api.budgets.GET('/programmes', { params: { query: { limit: 1 } } }));
  return data.items[0]?.fiscalYear ?? Number(todayInAlmaty().slice(0, 4));
};
const loadMap = async (year: number | null) => {
  const fiscalYear = year ?? (await latestYear());
  return await dataOf(api.budgets.GET('/map', { params: { query: { fiscalYear } } }));
};

type BudgetMap = Awaited<ReturnType<typeof loadMap>>;
/** What a district's row and the totals' row share. */
type Figures = Omit<BudgetMap['totals'], 'districts'>;

/**
 * The budget map of a fiscal year, for anyone: per district what its institutions were allocated and spent, the
 * execution, the programmes a citizen's doubt flagged, and how many of its institutions disclosed the year in full.
 * Each district is a marker at its centre (its figures in the marker's label) above the table, which holds the same
 * figures for a keyboard and a screen reader; a district the console has no centre for is in the table only.
 */
export function BudgetMapPage() {
  const { t } = useI18n();
  const location = useLocation();
  const asked = location.searchParams.get('year') ?? '';
  const year = isFiscalYear(asked) ? Number(asked) : null;
  // null until the reader types: the field then shows the year the map is of (the latest one when none was asked).
  const [typed, setTyped] = useState<string | null>(asked || null);
  // Back and forward change the address, not the field: it follows the year shown.
  useEffect(() => setTyped(asked || null), [asked]);
  const map = useRead(() => loadMap(year), [year]);
  const shownYear = typed ?? (map.data ? String(map.data.fiscalYear) : '');

  return (
    <section>
      <PageHeading title={t('budgetMap.title')} lead={t('budgetMap.intro')} />
      <LookupForm
        search={t('budgetMap.filters')}
        filters
        id="budget-map-year"
        label={t('programmes.year')}
        value={shownYear}
        onValue={setTyped}
        digits={4}
        problem={yearProblem(t)}
        go={(next) => navigate(withQuery('/budget-map', { year: next }))}
        submit={t('budgetMap.show')}
      />
      <ReadState read={map} />
      {map.data && <DistrictTable map={map.data} />}
    </section>
  );
}

function DistrictTable(props: { map: BudgetMap }) {
  const { t } = useI18n();
  const format = useFormat();
  const { fiscalYear, districts, totals } = props.map;
  const percent = (value: number | null) => (value === null ? '—' : `${format.number(value)} %`);
  const cells = (f: Figures) => (
    <>
      <td data-figure="institutions">{format.number(f.institutionCount)}</td>
      <td data-figure="disclosed">
        {t('budgetMap.disclosedOf', { disclosed: f.disclosedInstitutions, all: f.institutionCount })}
      </td>
      <td data-figure="coverage">{percent(f.disclosureCoveragePercent)}</td>
      <td class="money" data-figure="allocated">
        {format.money(f.allocatedTiyn)}
      </td>
      <td class="money" data-figure="spent">
        {format.money(f.spentTiyn)}
      </td>
      <td data-figure="execution">{percent(f.executionPercent)}</td>
      <td data-figure="flagged">{format.number(f.flaggedProgrammes)}</td>
    </>
  );

  if (districts.length === 0)
    return (
      <p role="status" data-testid="budget-map-none">
        {t('budgetMap.none', { year: fiscalYear })}
      </p>
    );
  return (
    <>
      <h2 id="budget-map-heading">{t('budgetMap.heading', { year: fiscalYear })}</h2>
      <MapView
        label={t('budgetMap.mapLabel', { year: fiscalYear })}
        points={districts.flatMap((d) => {
          const centre = DISTRICT_CENTRES[d.district as keyof typeof DISTRICT_CENTRES];
          if (!centre) return [];
          const label = t('budgetMap.marker', {
            district: districtName(t, d.district),
            execution: percent(d.executionPercent),
            coverage: percent(d.disclosureCoveragePercent),
          });
          return [{ ...centre, label }];
        })}
      />
      <div class="table-wrap" role="region" aria-labelledby="budget-map-heading" tabIndex={0}>
        <table class="cases" aria-labelledby="budget-map-heading" data-testid="budget-map">
          <ColumnHeads
            labels={[
              t('report.district'),
              t('budgetMap.institutions'),
              t('budgetMap.disclosed'),
              t('budgetMap.coverage'),
              t('budgetMap.allocated'),
              t('programmes.spent'),
              t('programme.execution'),
              t('budgetMap.flagged'),
            ]}
          />
          <tbody>
            {districts.map((d) => (
              <tr key={d.district} data-district={d.district}>
                <th scope="row">
                  <Link href={withQuery('/programmes', { year: fiscalYear, district: d.district })}>
                    {districtName(t, d.district)}
                  </Link>
                </th>
                {cells(d)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-district="">
              <th scope="row">{t('budgetMap.total')}</th>
              {cells(totals)}
            </tr>
          </tfoot>
        </table>
      </div>
      <p>{t('budgetMap.terms')}</p>
    </>
  );
}
