import { useState } from 'preact/hooks';
import { answer, api } from '../api';
import { draftBinder, InputField, SelectField } from '../components/field.component';
import { Link } from '../components/link.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { Pager } from '../components/pager.component';
import { districtChoices, districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { isFiscalYear, purposeChoices, type Purpose } from '../labels/budget.labels';
import { navigate, pageOf, useLocation, withQuery } from '../router';
import { useRead } from '../use-read';

const LIMIT = 50;
const FILTERS = ['year', 'district', 'institution', 'purpose', 'flagged'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const loadInstitutions = async (district: string) =>
  (
    await answer(
      api.budgets.GET('/institutions', { params: { query: { district: district || undefined, limit: 200 } } }),
    )
  ).data.items;
const loadProgrammes = async (filters: Filters, page: number) =>
  (
    await answer(
      api.budgets.GET('/programmes', {
        params: {
          query: {
            year: filters.year ? Number(filters.year) : undefined,
            institution: filters.institution || undefined,
            purpose: (filters.purpose || undefined) as Purpose | undefined,
            flagged: (filters.flagged || undefined) as 'true' | 'false' | undefined,
            page,
            limit: LIMIT,
          },
        },
      }),
    )
  ).data;

/**
 * The budget register, for anyone: the programmes of a year, an institution, a purpose, those a citizen's doubt has
 * flagged. The register lists programmes by institution, so a district is reached through its institutions.
 */
export function ProgrammesPage() {
  const { t } = useI18n();
  const location = useLocation();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, location.searchParams.get(f) ?? ''])) as Filters;
  const page = pageOf(location);
  const [chosen, setChosen] = useState<Filters>(applied);
  const [errors, setErrors] = useState<Partial<Filters>>({});
  const bind = draftBinder('programmes', chosen, errors, (change) =>
    // Another district offers other institutions: the one chosen before is not among them.
    setChosen((c) => ({ ...c, ...change, ...('district' in change ? { institution: '' } : {}) })),
  );
  const institutions = useRead(() => loadInstitutions(chosen.district), [chosen.district]);
  const byDistrictOnly = Boolean(applied.district && !applied.institution);
  const list = useRead(
    () => (byDistrictOnly ? Promise.resolve(null) : loadProgrammes(applied, page)),
    [location.search],
  );
  const names = new Map((institutions.data ?? []).map((i) => [i.bin, i.name]));
  const go = (filters: Filters, next = 1) => navigate(withQuery('/programmes', { ...filters, page: next }));

  return (
    <section>
      <PageHeading title={t('programmes.title')} />
      <p class="lead">{t('programmes.intro')}</p>
      <form
        class="form inline filters"
        role="search"
        aria-label={t('programmes.filters')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const year = chosen.year.trim();
          if (year && !isFiscalYear(year)) {
            setErrors({ year: t('programmes.error.year') });
            document.getElementById('programmes-year')?.focus();
            return;
          }
          setErrors({});
          go({ ...chosen, year });
        }}
      >
        <InputField {...bind('year')} label={t('programmes.year')} inputMode="numeric" maxLength={4} />
        <SelectField
          {...bind('district')}
          label={t('report.district')}
          empty={t('board.any')}
          options={districtChoices(t)}
        />
        <SelectField
          {...bind('institution')}
          label={t('programmes.institution')}
          empty={t('board.any')}
          options={(institutions.data ?? []).map((i) => ({ value: i.bin, label: `${i.name} (${i.bin})` }))}
        />
        <SelectField
          {...bind('purpose')}
          label={t('programmes.purpose')}
          empty={t('board.any')}
          options={purposeChoices(t)}
        />
        <SelectField
          {...bind('flagged')}
          label={t('programmes.flagged')}
          empty={t('board.any')}
          options={[
            { value: 'true', label: t('programmes.flagged.true') },
            { value: 'false', label: t('programmes.flagged.false') },
          ]}
        />
        <button type="submit">{t('board.apply')}</button>
      </form>
      {institutions.failure !== null && <ErrorNotice error={institutions.failure} />}
      {list.failure !== null && <ErrorNotice error={list.failure} />}
      {byDistrictOnly && institutions.data && (
        <DistrictInstitutions
          district={applied.district}
          institutions={institutions.data}
          hrefOf={(bin) => withQuery('/programmes', { ...applied, institution: bin })}
        />
      )}
      {list.data && <ProgrammeTable list={list.data} names={names} page={page} onPage={(next) => go(applied, next)} />}
    </section>
  );
}

type Institution = Awaited<ReturnType<typeof loadInstitutions>>[number];
type ProgrammeList = Awaited<ReturnType<typeof loadProgrammes>>;

/** A district chosen alone: its institutions, each opening its programmes. */
function DistrictInstitutions(props: {
  district: string;
  institutions: Institution[];
  hrefOf: (bin: string) => string;
}) {
  const { t } = useI18n();
  const name = districtName(t, props.district);
  if (props.institutions.length === 0) return <p role="status">{t('programmes.noInstitutions', { district: name })}</p>;
  return (
    <>
      <p role="status">{t('programmes.chooseInstitution', { district: name, count: props.institutions.length })}</p>
      <ul class="plain" data-testid="district-institutions">
        {props.institutions.map((i) => (
          <li key={i.bin}>
            <Link href={props.hrefOf(i.bin)}>
              {i.name} ({i.bin})
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function ProgrammeTable(props: {
  list: ProgrammeList;
  names: Map<string, string>;
  page: number;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const { list } = props;
  return (
    <>
      <p role="status">{t('programmes.count', { total: list.total })}</p>
      {list.items.length > 0 && (
        <div class="table-wrap">
          <table class="cases">
            <caption class="visually-hidden">{t('programmes.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programmes.programme')}</th>
                <th scope="col">{t('programmes.institution')}</th>
                <th scope="col">{t('report.district')}</th>
                <th scope="col">{t('programmes.year')}</th>
                <th scope="col">{t('programmes.allocation')}</th>
                <th scope="col">{t('programmes.spent')}</th>
                <th scope="col">{t('programmes.revenue')}</th>
                <th scope="col">{t('programmes.openFlags')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => (
                <tr key={p.id} data-programme-id={p.id}>
                  <td>
                    <Link href={`/programmes/${p.id}`}>
                      {p.code} — {p.name}
                    </Link>
                  </td>
                  <td>{props.names.get(p.institutionBin) ?? p.institutionBin}</td>
                  <td>{districtName(t, p.district)}</td>
                  <td>{p.fiscalYear}</td>
                  <td class="money">{format.money(p.allocationTiyn)}</td>
                  <td class="money">{format.money(p.spentTiyn)}</td>
                  <td class="money">{format.money(p.revenueTiyn)}</td>
                  <td>
                    {p.openFlags.length > 0 ? (
                      <span class="badge badge-overdue">{t('programmes.flags', { count: p.openFlags.length })}</span>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager what={t('programmes.title')} page={props.page} limit={LIMIT} total={list.total} onPage={props.onPage} />
    </>
  );
}
