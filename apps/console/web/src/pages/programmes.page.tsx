import { api, dataOf } from '../api';
import { CodeField } from '../components/field.component';
import { FiltersForm } from '../components/filters-form.component';
import { Link } from '../components/link.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { ProgrammeLink } from '../components/programme-link.component';
import { ResultsTable } from '../components/results-table.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { purposeChoices, yearProblem, type Purpose } from '../labels/budget.labels';
import { withQuery } from '../router';
import { useAddressList, type Paging } from '../use-address-list';
import { useRead } from '../use-read';
import { ChoiceField, DistrictField, YesNoField } from '../components/choice-fields.component';

const FILTERS = ['year', 'district', 'institution', 'purpose', 'flagged'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const loadInstitutions = async (district: string) =>
  (
    await dataOf(
      api.budgets.GET('/institutions', { params: { query: { district: district || undefined, limit: 200 } } }),
    )
  ).items;
/** A district chosen alone lists its institutions instead: the register lists programmes by institution. */
const byDistrictOnly = (filters: Filters) => Boolean(filters.district && !filters.institution);
const loadProgrammes = async (filters: Filters, paging: Paging) =>
  byDistrictOnly(filters)
    ? null
    : dataOf(
        api.budgets.GET('/programmes', {
          params: {
            query: {
              year: filters.year ? Number(filters.year) : undefined,
              institution: filters.institution || undefined,
              purpose: (filters.purpose || undefined) as Purpose | undefined,
              flagged: (filters.flagged || undefined) as 'true' | 'false' | undefined,
              ...paging,
            },
          },
        }),
      );

/**
 * The budget register, for anyone: the programmes of a year, an institution, a purpose, those a citizen's doubt has
 * flagged. The register lists programmes by institution, so a district is reached through its institutions.
 */
export function ProgrammesPage() {
  const { t } = useI18n();
  const format = useFormat();
  const { list, applied, chosen, bind, apply } = useAddressList(
    '/programmes',
    'programmes',
    FILTERS,
    loadProgrammes,
    // Another district offers other institutions: the one chosen before is not among them.
    (change) => ({ ...change, ...('district' in change ? { institution: '' } : {}) }),
  );
  const institutions = useRead(() => loadInstitutions(chosen.district), [chosen.district]);
  const names = new Map((institutions.data ?? []).map((i) => [i.bin, i.name]));
  const submit = () => apply({ year: yearProblem(t) });

  return (
    <section>
      <PageHeading title={t('programmes.title')} lead={t('programmes.intro')} />
      <FiltersForm label={t('programmes.filters')} onSubmit={submit}>
        <CodeField {...bind('year')} label={t('programmes.year')} digits={4} />
        <DistrictField {...bind('district')} />
        <ChoiceField
          {...bind('institution')}
          label={t('programmes.institution')}
          options={(institutions.data ?? []).map((i) => ({ value: i.bin, label: `${i.name} (${i.bin})` }))}
        />
        <ChoiceField {...bind('purpose')} label={t('programmes.purpose')} options={purposeChoices(t)} />
        <YesNoField
          {...bind('flagged')}
          label={t('programmes.flagged')}
          yes={t('programmes.flagged.true')}
          no={t('programmes.flagged.false')}
        />
      </FiltersForm>
      {institutions.failure !== null && <ErrorNotice error={institutions.failure} />}
      {byDistrictOnly(applied) && institutions.data && (
        <DistrictInstitutions
          district={applied.district}
          institutions={institutions.data}
          hrefOf={(bin) => withQuery('/programmes', { ...applied, institution: bin })}
        />
      )}
      <ResultsTable
        words="programmes"
        list={list}
        columns={[
          { label: t('programmes.programme'), cell: (p) => <ProgrammeLink programme={p} /> },
          { label: t('programmes.institution'), cell: (p) => names.get(p.institutionBin) ?? p.institutionBin },
          { label: t('report.district'), cell: (p) => districtName(t, p.district) },
          { label: t('programmes.year'), cell: (p) => p.fiscalYear },
          { label: t('programmes.allocation'), money: 'cells', cell: (p) => format.money(p.allocationTiyn) },
          { label: t('programmes.spent'), money: 'cells', cell: (p) => format.money(p.spentTiyn) },
          { label: t('programmes.revenue'), money: 'cells', cell: (p) => format.money(p.revenueTiyn) },
          {
            label: t('programmes.openFlags'),
            cell: (p) =>
              p.openFlags.length > 0 ? (
                <span class="badge badge-overdue">{t('programmes.flags', { count: p.openFlags.length })}</span>
              ) : (
                '—'
              ),
          },
        ]}
        rowKey={(p) => p.id}
        keyAttribute="data-programme-id"
      />
    </section>
  );
}

type Institution = Awaited<ReturnType<typeof loadInstitutions>>[number];

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
