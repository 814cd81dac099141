import type { ApiSchemas } from '@app/api-client';
import { almatyInputToInstant } from '../format/dates';
import { useI18n } from '../i18n/i18n-context';
import { isWebLink, lines } from '../labels/raid.labels';
import { loadOffenceTypes } from '../pages/fines.page';
import type { RaidBind, RaidDraftErrors, RaidDrafts } from '../raids/raid-drafts';
import { useRead } from '../use-read';
import { AlmatyTimeField } from './almaty-time-field.component';
import { OffenceEvidenceField, OffencePlaceField } from './offence-fields.component';
import { OffenceTypeField, OffenderFields, offenderErrors, offenderOf } from './offender-fields.component';
import { StepForm } from './step-form.component';

type RecordOffence = ApiSchemas<'monitoring'>['RecordOffenceDto'];

/**
 * An offence the raid found, as monitoring's RecordOffenceDto takes it: the offence from the fines catalogue, the
 * offender (name, IIN of a person, BIN of a business, the vehicle's plate), where and when (Almaty time), and the
 * evidence links. Fines issues a fine for it by itself.
 */
export function RaidOffenceForm(props: {
  drafts: RaidDrafts;
  bind: RaidBind;
  busy: boolean;
  check: (errors: RaidDraftErrors) => boolean;
  onSend: (body: RecordOffence) => void;
}) {
  const { t } = useI18n();
  const { drafts, bind } = props;
  const catalogue = useRead(loadOffenceTypes, []);

  const submit = () => {
    const committedAt = almatyInputToInstant(drafts.committedAt);
    const evidence = lines(drafts.evidence);
    const { name, iin, bin, plate } = offenderOf(drafts);
    const ok = props.check({
      ...(!drafts.offenceType && { offenceType: t('raid.error.offenceType') }),
      ...offenderErrors(t, drafts, 'optional'),
      ...(!drafts.place.trim() && { place: t('raid.error.place') }),
      ...(!committedAt && { committedAt: t('raid.error.dateTime') }),
      ...((evidence.length === 0 || !evidence.every(isWebLink)) && { evidence: t('raid.error.evidence') }),
    });
    if (ok)
      props.onSend({
        offenceType: drafts.offenceType,
        offenderCategory: drafts.offenderCategory as RecordOffence['offenderCategory'],
        offenderName: name,
        ...(iin && { offenderIin: iin }),
        ...(bin && { offenderBin: bin }),
        ...(plate && { vehiclePlate: plate }),
        place: drafts.place.trim(),
        committedAt: committedAt!,
        evidence,
      });
  };

  return (
    <StepForm words="raid.offence" busy={props.busy} onSubmit={submit}>
      <OffenceTypeField frame={bind('offenceType')} catalogue={catalogue} />
      <OffenderFields bind={bind} category={drafts.offenderCategory} binRule="optional" />
      <OffencePlaceField {...bind('place')} />
      <AlmatyTimeField {...bind('committedAt')} label={t('raid.offence.committedAt')} />
      <OffenceEvidenceField {...bind('evidence')} />
    </StepForm>
  );
}
