import { useState } from 'preact/hooks';
import { answer, api, idempotencyKey } from '../api';
import { draftBinder, InputField } from '../components/field.component';
import { Link } from '../components/link.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { RequiresRole } from '../components/requires-role.component';
import { almatyInputToInstant } from '../format/dates';
import { useI18n } from '../i18n/i18n-context';
import { navigate } from '../router';
import { DistrictField } from '../components/district-field.component';

type Draft = { title: string; district: string; plannedFor: string };
type Errors = Partial<Record<keyof Draft, string>>;

/** A moderator plans a raid: what it is, where, and when (Almaty time); it opens on the raid's own page. */
export function RaidPlanPage() {
  const { t } = useI18n();
  return (
    <RequiresRole roles={['moderator']} title={t('raidPlan.title')}>
      <RaidPlan />
    </RequiresRole>
  );
}

function RaidPlan() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>({ title: '', district: '', plannedFor: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const bind = draftBinder('raid-plan', draft, errors, (change) => setDraft((d) => ({ ...d, ...change })));

  const submit = async (event: Event) => {
    event.preventDefault();
    const plannedFor = almatyInputToInstant(draft.plannedFor);
    const found: Errors = {
      ...(!draft.title.trim() && { title: t('raidPlan.error.title') }),
      ...(!draft.district && { district: t('report.error.district') }),
      ...(!plannedFor && { plannedFor: t('raid.error.dateTime') }),
    };
    setErrors(found);
    setFailure(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`raid-plan-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const { data } = await answer(
        api.monitoring.POST('/raids', {
          params: { header: { 'Idempotency-Key': idempotencyKey() } },
          body: { title: draft.title.trim(), district: draft.district, plannedFor: plannedFor! },
        }),
      );
      navigate(`/raids/${data.id}`);
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <PageHeading title={t('raidPlan.title')} />
      <p class="lead">{t('raidPlan.intro')}</p>
      <form onSubmit={submit} noValidate class="form">
        <InputField {...bind('title')} label={t('raid.name')} mandatory maxLength={200} />
        <DistrictField {...bind('district')} mandatory />
        <InputField
          {...bind('plannedFor')}
          label={t('raid.plannedFor')}
          hint={t('raid.dateTimeHint')}
          mandatory
          type="datetime-local"
        />
        {Object.keys(errors).length > 0 && (
          <p class="notice notice-error" role="alert">
            {t('form.fixErrors')}
          </p>
        )}
        {failure !== null && <ErrorNotice error={failure} />}
        <button type="submit" disabled={busy}>
          {busy ? t('form.sending') : t('raidPlan.submit')}
        </button>
      </form>
      <p>
        <Link href="/raids">{t('raid.backToList')}</Link>
      </p>
    </section>
  );
}
