import type { ApiSchemas } from '@app/api-client';
import { useState } from 'preact/hooks';
import { api, dataOf, idempotencyKey } from '../api';
import { FineCaveats, FineTermsFacts } from '../components/fine-terms.component';
import { Link, LinkLine } from '../components/link.component';
import { FormFooter } from '../components/form-footer.component';
import { AlmatyTimeField } from '../components/almaty-time-field.component';
import { OffenceEvidenceField, OffencePlaceField } from '../components/offence-fields.component';
import {
  OFFENDER_FIELDS,
  OffenceTypeField,
  OffenderFields,
  offenderErrors,
  offenderOf,
} from '../components/offender-fields.component';
import { PageHeading } from '../components/page-heading.component';
import { forRoles } from '../components/requires-role.component';
import { almatyInputNow, almatyInputToInstant } from '../format/dates';
import { useI18n } from '../i18n/i18n-context';
import type { OFFENDER_CATEGORIES } from '../labels/fine.labels';
import { isWebLink, lines } from '../labels/raid.labels';
import { useDraftForm } from '../use-draft-form';
import { useRead } from '../use-read';
import { useSend } from '../use-send';
import { loadOffenceTypes } from './fines.page';
import { DistrictField } from '../components/choice-fields.component';
import { Fact } from '../components/fact.component';

type IssueFine = ApiSchemas<'fines'>['IssueFineDto'];
type Category = (typeof OFFENDER_CATEGORIES)[number];
type Issued = Awaited<ReturnType<typeof issueFine>>;

const FIELDS = ['offenceType', ...OFFENDER_FIELDS, 'committedAt', 'place', 'district', 'evidence'] as const;
type Draft = Record<(typeof FIELDS)[number], string>;

/** An empty form; the offence was committed now (Almaty's clock) unless the official says otherwise. */
const emptyDraft = (): Draft => ({
  ...(Object.fromEntries(FIELDS.map((f) => [f, ''])) as Draft),
  committedAt: almatyInputNow(),
});

const issueFine = async (body: IssueFine) =>
  dataOf(api.fines.POST('/fines', { params: { header: { 'Idempotency-Key': idempotencyKey() } }, body }));

/**
 * An official issues a fine: the offence from fines' catalogue, the offender (the IIN of a person, the BIN of a
 * business, as the category needs), when (Almaty time) and where, the evidence. The service sets the amount from the
 * MCI in force on the offence date and the deadlines from the working-day calendar; the page shows its answer, and
 * says so plainly when either rested on a value not yet verified.
 */
export const FineIssuePage = forRoles(['official'], 'fineIssue.title', FineIssue);

function FineIssue() {
  const { t } = useI18n();
  const catalogue = useRead(loadOffenceTypes, []);
  const { draft, errors, bind, check, reset } = useDraftForm('fine-issue', emptyDraft);
  const { failure, setFailure, busy, send } = useSend();
  const [issued, setIssued] = useState<Issued | null>(null);
  const offence = (catalogue.data ?? []).find((o) => o.offenceType === draft.offenceType);
  const multiples = offence && draft.offenderCategory ? offence.mciMultiples[draft.offenderCategory as Category] : null;

  const submit = async (event: Event) => {
    event.preventDefault();
    const committedAt = almatyInputToInstant(draft.committedAt);
    const evidence = lines(draft.evidence);
    const { name, iin, bin, plate } = offenderOf(draft);
    setFailure(null);
    const ok = check({
      ...(!draft.offenceType && { offenceType: t('raid.error.offenceType') }),
      ...offenderErrors(t, draft, 'business'),
      ...(!committedAt && { committedAt: t('raid.error.dateTime') }),
      ...(!draft.place.trim() && { place: t('raid.error.place') }),
      ...(!draft.district && { district: t('report.error.district') }),
      ...((evidence.length === 0 || !evidence.every(isWebLink)) && { evidence: t('raid.error.evidence') }),
    });
    if (!ok) return;
    await send(async () => {
      const answered = await issueFine({
        offenceType: draft.offenceType,
        offender: {
          category: draft.offenderCategory as Category,
          name,
          ...(iin && { iin }),
          ...(bin && { bin }),
          ...(plate && { vehiclePlate: plate }),
        },
        committedAt: committedAt!,
        place: draft.place.trim(),
        district: draft.district,
        evidence,
      });
      setIssued(answered);
      reset();
      // The answer is announced, and read first: focus moves to it.
      requestAnimationFrame(() => document.getElementById('fine-issued-title')?.focus());
    });
  };

  return (
    <section>
      <PageHeading title={t('fineIssue.title')} lead={t('fineIssue.intro')} />
      {issued && <IssuedFine fine={issued} />}
      <form onSubmit={submit} noValidate class="form" aria-labelledby="page-title">
        <OffenceTypeField frame={bind('offenceType')} catalogue={catalogue} />
        <OffenderFields
          bind={bind}
          category={draft.offenderCategory}
          binRule="business"
          categoryHint={multiples === null ? undefined : t('fineIssue.multiples', { multiples })}
        />
        <AlmatyTimeField {...bind('committedAt')} label={t('raid.offence.committedAt')} />
        <OffencePlaceField {...bind('place')} />
        <DistrictField {...bind('district')} mandatory />
        <OffenceEvidenceField {...bind('evidence')} />
        <FormFooter errors={errors} failure={failure} busy={busy} submit={t('fineIssue.submit')} />
      </form>
      <LinkLine href="/fines">{t('fineIssue.back')}</LinkLine>
    </section>
  );
}

/** What fines answered: the amount and how it was set, the discount and its deadline, the due date, and its caveats. */
function IssuedFine(props: { fine: Issued }) {
  const { t } = useI18n();
  const f = props.fine;
  return (
    <div class="notice notice-success" role="status" data-testid="fine-issued">
      <h2 id="fine-issued-title" tabIndex={-1}>
        {t('fineIssue.done')}
      </h2>
      <dl class="facts">
        <Fact label={t('fine.number')}>
          <Link href={`/fines/${f.id}`}>
            <code>{f.id}</code>
          </Link>
        </Fact>
        <Fact label={t('fine.legalReference')} lang="en">
          {f.legalReference}
        </Fact>
        <FineTermsFacts fine={f} testIdPrefix="issued-" />
      </dl>
      <FineCaveats fine={f} testIdPrefix="issued-" />
      <LinkLine href={`/fines/${f.id}`}>{t('fineIssue.open')}</LinkLine>
    </div>
  );
}
