import { useEffect, useState } from 'preact/hooks';
import { answer, api } from '../api';
import { draftBinder, InputField, SelectField } from '../components/field.component';
import { Link } from '../components/link.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { Pager } from '../components/pager.component';
import { districtChoices, districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { institutionKindChoices, isFiscalYear, type InstitutionKind } from '../labels/budget.labels';
import { navigate, pageOf, useLocation, withQuery } from '../router';
import { useRead } from '../use-read';

const LIMIT = 50;
const FILTERS = ['district', 'kind', 'disclosedIn'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const loadInstitutions = async (filters: Filters, page: number) =>
  (
    await answer(
      api.budgets.GET('/institutions', {
        params: {
          query: {
            district: filters.district || undefined,
            kind: (filters.kind || undefined) as InstitutionKind | undefined,
            disclosedIn: filters.disclosedIn ? Number(filters.disclosedIn) : undefined,
            page,
            limit: LIMIT,
          },
        },
      }),
    )
  ).data;

/**
 * The register of institutions, for anyone (budgets answers it publicly): by district, by kind, those that
 * disclosed a year's budget. Each opens its page, with its programmes.
 */
export function InstitutionsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const location = useLocation();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, location.searchParams.get(f) ?? ''])) as Filters;
  const page = pageOf(location);
  const [chosen, setChosen] = useState<Filters>(applied);
  const [errors, setErrors] = useState<Partial<Filters>>({});
  // The page stays mounted from one address to the next (a link, back): the form shows the filters applied.
  useEffect(() => setChosen(applied), [location.search]);
  const bind = draftBinder('institutions', chosen, errors, (change) => setChosen((c) => ({ ...c, ...change })));
  const list = useRead(() => loadInstitutions(applied, page), [location.search]);
  const go = (filters: Filters, next = 1) => navigate(withQuery('/institutions', { ...filters, page: next }));

  return (
    <section>
      <PageHeading title={t('institutions.title')} />
      <p class="lead">{t('institutions.intro')}</p>
      <form
        class="form inline filters"
        role="search"
        aria-label={t('institutions.filters')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const disclosedIn = chosen.disclosedIn.trim();
          if (disclosedIn && !isFiscalYear(disclosedIn)) {
            setErrors({ disclosedIn: t('programmes.error.year') });
            document.getElementById('institutions-disclosedIn')?.focus();
            return;
          }
          setErrors({});
          go({ ...chosen, disclosedIn });
        }}
      >
        <SelectField
          {...bind('district')}
          label={t('report.district')}
          empty={t('board.any')}
          options={districtChoices(t)}
        />
        <SelectField
          {...bind('kind')}
          label={t('institutions.kind')}
          empty={t('board.any')}
          options={institutionKindChoices(t)}
        />
        <InputField {...bind('disclosedIn')} label={t('institutions.disclosedIn')} inputMode="numeric" maxLength={4} />
        <button type="submit">{t('board.apply')}</button>
      </form>
      {list.failure !== null && <ErrorNotice error={list.failure} />}
      {list.data && (
        <>
          <p role="status">{t('institutions.count', { total: list.data.total })}</p>
          {list.data.items.length > 0 && (
            <div class="table-wrap">
              <table class="cases" data-testid="institutions">
                <caption class="visually-hidden">{t('institutions.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('institutions.name')}</th>
                    <th scope="col">{t('institutions.bin')}</th>
                    <th scope="col">{t('report.district')}</th>
                    <th scope="col">{t('institutions.kind')}</th>
                    <th scope="col">{t('institutions.disclosed')}</th>
                    <th scope="col">{t('institutions.registered')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((i) => (
                    <tr key={i.bin} data-institution-bin={i.bin}>
                      <td>
                        <Link href={`/institutions/${i.bin}`}>{i.name}</Link>
                      </td>
                      <td>
                        <code>{i.bin}</code>
                      </td>
                      <td>{districtName(t, i.district)}</td>
                      <td>{t(`institutionKind.${i.kind}`)}</td>
                      <td>{i.disclosedYears.length > 0 ? i.disclosedYears.join(', ') : '—'}</td>
                      <td>{format.dateTime(i.registeredAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            what={t('institutions.title')}
            page={page}
            limit={LIMIT}
            total={list.data.total}
            onPage={(next) => go(applied, next)}
          />
        </>
      )}
    </section>
  );
}
