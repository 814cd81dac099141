import { useState } from 'preact/hooks';
import { answer, api } from '../api';
import { draftBinder, InputField, SelectField } from '../components/field.component';
import { Link } from '../components/link.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { Pager } from '../components/pager.component';
import { RequiresRole } from '../components/requires-role.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import {
  categoryChoices,
  fineStatusChoices,
  offenceName,
  type FINE_STATUSES,
  type OFFENDER_CATEGORIES,
} from '../labels/fine.labels';
import { navigate, pageOf, useLocation, withQuery } from '../router';
import { useSession } from '../session';
import { useRead } from '../use-read';

const LIMIT = 50;
const FILTERS = ['status', 'offenceType', 'offenderCategory', 'year', 'raidId'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const loadOffenceTypes = async () => (await answer(api.fines.GET('/offence-types'))).data.items;
const loadFines = async (f: Filters, page: number) =>
  (
    await answer(
      api.fines.GET('/fines', {
        params: {
          query: {
            status: (f.status || undefined) as (typeof FINE_STATUSES)[number] | undefined,
            offenceType: f.offenceType || undefined,
            offenderCategory: (f.offenderCategory || undefined) as (typeof OFFENDER_CATEGORIES)[number] | undefined,
            year: f.year ? Number(f.year) : undefined,
            raidId: f.raidId || undefined,
            page,
            limit: LIMIT,
          },
        },
      }),
    )
  ).data;

/** The fines, for officials and auditors: by status, offence, offender category, year, the raid that found them. */
export function FinesPage() {
  const { t } = useI18n();
  return (
    <RequiresRole roles={['official', 'auditor']} title={t('fines.title')}>
      <Fines />
    </RequiresRole>
  );
}

function Fines() {
  const { t } = useI18n();
  const format = useFormat();
  const signedIn = useSession();
  const location = useLocation();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, location.searchParams.get(f) ?? ''])) as Filters;
  const page = pageOf(location);
  const [chosen, setChosen] = useState<Filters>(applied);
  const [errors, setErrors] = useState<Partial<Filters>>({});
  const bind = draftBinder('fines', chosen, errors, (change) => setChosen((c) => ({ ...c, ...change })));
  const offences = useRead(loadOffenceTypes, []);
  const list = useRead(() => loadFines(applied, page), [location.search]);
  const titles = new Map((offences.data ?? []).map((o) => [o.offenceType, o.title]));
  const go = (filters: Filters, next = 1) => navigate(withQuery('/fines', { ...filters, page: next }));

  const submit = (event: Event) => {
    event.preventDefault();
    const year = chosen.year.trim();
    const raidId = chosen.raidId.trim();
    const found = {
      ...(year &&
        !(/^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100) && {
          year: t('programmes.error.year'),
        }),
      ...(raidId && !UUID.test(raidId) && { raidId: t('audit.error.id') }),
    };
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) document.getElementById(`fines-${first}`)?.focus();
    else go({ ...chosen, year, raidId });
  };

  return (
    <section>
      <PageHeading title={t('fines.title')} />
      {signedIn?.role === 'official' && (
        <p>
          <Link href="/fines/new">{t('fines.issue')}</Link>
        </p>
      )}
      <form class="form inline filters" role="search" aria-label={t('fines.filters')} noValidate onSubmit={submit}>
        <SelectField
          {...bind('status')}
          label={t('board.status')}
          empty={t('board.any')}
          options={fineStatusChoices(t)}
        />
        <SelectField
          {...bind('offenceType')}
          label={t('fine.offence')}
          empty={t('board.any')}
          options={(offences.data ?? []).map((o) => ({
            value: o.offenceType,
            label: offenceName(t, o.offenceType, o.title),
          }))}
        />
        <SelectField
          {...bind('offenderCategory')}
          label={t('fine.offender')}
          empty={t('board.any')}
          options={categoryChoices(t)}
        />
        <InputField {...bind('year')} label={t('programmes.year')} inputMode="numeric" maxLength={4} />
        <InputField {...bind('raidId')} label={t('fine.raid')} spellcheck={false} autoComplete="off" />
        <button type="submit">{t('board.apply')}</button>
      </form>
      {list.failure !== null && <ErrorNotice error={list.failure} />}
      {list.data && (
        <>
          <p role="status">{t('fines.count', { total: list.data.total })}</p>
          {list.data.items.length > 0 && (
            <div class="table-wrap">
              <table class="cases">
                <caption class="visually-hidden">{t('fines.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fine.offence')}</th>
                    <th scope="col">{t('board.status')}</th>
                    <th scope="col">{t('report.district')}</th>
                    <th scope="col">{t('fine.offender')}</th>
                    <th scope="col" class="money">
                      {t('fine.amount')}
                    </th>
                    <th scope="col" class="money">
                      {t('fine.balance')}
                    </th>
                    <th scope="col">{t('fine.issued')}</th>
                    <th scope="col">{t('fine.dueDate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((f) => (
                    <tr key={f.id} data-fine-id={f.id}>
                      <td>
                        <Link href={`/fines/${f.id}`}>
                          {offenceName(t, f.offenceType, titles.get(f.offenceType))} — {f.place}
                        </Link>
                      </td>
                      <td>
                        <span class={`badge badge-${f.status}`}>{t(`fineStatus.${f.status}`)}</span>
                      </td>
                      <td>{districtName(t, f.district)}</td>
                      <td>{t(`offender.${f.offenderCategory}`)}</td>
                      <td class="money">{format.money(f.amountTiyn)}</td>
                      <td class="money">{format.money(f.balanceTiyn)}</td>
                      <td>{format.dateTime(f.issuedAt)}</td>
                      <td>{format.date(f.dueDate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            what={t('fines.title')}
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
