import { answer, api, idempotencyKey } from '../api';
import { AlmatyTimeField } from '../components/almaty-time-field.component';
import { InputField } from '../components/field.component';
import { LinkLine } from '../components/link.component';
import { FormFooter } from '../components/form-footer.component';
import { PageHeading } from '../components/page-heading.component';
import { forRoles } from '../components/requires-role.component';
import { almatyInputToInstant } from '../format/dates';
import { useI18n } from '../i18n/i18n-context';
import { navigate } from '../router';
import { useDraftForm } from '../use-draft-form';
import { useSend } from '../use-send';
import { DistrictField } from '../components/choice-fields.component';

type Draft = { title: string; district: string; plannedFor: string };

/** A moderator plans a raid: what it is, where, and when (Almaty time); it opens on the raid's own page. */
export const RaidPlanPage = forRoles(['moderator'], 'raidPlan.title', RaidPlan);

function RaidPlan() {
  const { t } = useI18n();
  const { draft, errors, bind, check } = useDraftForm<Draft>('raid-plan', { title: '', district: '', plannedFor: '' });
  const { failure, setFailure, busy, send } = useSend();

  const submit = async (event: Event) => {
    event.preventDefault();
    const plannedFor = almatyInputToInstant(draft.plannedFor);
    setFailure(null);
    const ok = check({
      ...(!draft.title.trim() && { title: t('raidPlan.error.title') }),
      ...(!draft.district && { district: t('report.error.district') }),
      ...(!plannedFor && { plannedFor: t('raid.error.dateTime') }),
    });
    if (!ok) return;
    await send(async () => {
      const { data } = await answer(
        api.monitoring.POST('/raids', {
          params: { header: { 'Idempotency-Key': idempotencyKey() } },
          body: { title: draft.title.trim(), district: draft.district, plannedFor: plannedFor! },
        }),
      );
      navigate(`/raids/${data.id}`);
    });
  };

  return (
    <section>
      <PageHeading title={t('raidPlan.title')} lead={t('raidPlan.intro')} />
      <form onSubmit={submit} noValidate class="form">
        <InputField {...bind('title')} label={t('raid.name')} mandatory maxLength={200} />
        <DistrictField {...bind('district')} mandatory />
        <AlmatyTimeField {...bind('plannedFor')} label={t('raid.plannedFor')} />
        <FormFooter errors={errors} failure={failure} busy={busy} submit={t('raidPlan.submit')} />
      </form>
      <LinkLine href="/raids">{t('raid.backToList')}</LinkLine>
    </section>
  );
}
