import type { ApiSchemas } from '@app/api-client';
import { almatyInputToInstant } from '../format/dates';
import { useI18n } from '../i18n/i18n-context';
import { categoryChoices, offenceName } from '../labels/fine.labels';
import { isWebLink, lines } from '../labels/raid.labels';
import { loadOffenceTypes } from '../pages/fines.page';
import type { RaidBind, RaidDraftErrors, RaidDrafts } from '../raids/raid-drafts';
import { useRead } from '../use-read';
import { InputField, SelectField, TextAreaField } from './field.component';
import { ErrorNotice } from './notices.component';
import { StepForm } from './step-form.component';

type RecordOffence = ApiSchemas<'monitoring'>['RecordOffenceDto'];

/** Offenders the service asks an IIN of (a person); a business is known by its BIN. */
const PERSONS = ['individual', 'official'];

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
  const person = PERSONS.includes(drafts.offenderCategory);

  const submit = () => {
    const committedAt = almatyInputToInstant(drafts.committedAt);
    const evidence = lines(drafts.evidence);
    const plate = drafts.vehiclePlate.replace(/[\s-]/g, '').toUpperCase();
    const iin = drafts.offenderIin.trim();
    const bin = drafts.offenderBin.trim();
    const ok = props.check({
      ...(!drafts.offenceType && { offenceType: t('raid.error.offenceType') }),
      ...(!drafts.offenderCategory && { offenderCategory: t('raid.error.offenderCategory') }),
      ...(!drafts.offenderName.trim() && { offenderName: t('raid.error.offenderName') }),
      ...(((person && !iin) || (iin && !/^\d{12}$/.test(iin))) && { offenderIin: t('raid.error.iin') }),
      ...(bin && !/^\d{12}$/.test(bin) && { offenderBin: t('raid.error.bin') }),
      ...(plate && !/^[A-Z0-9]{4,10}$/.test(plate) && { vehiclePlate: t('raid.error.plate') }),
      ...(!drafts.place.trim() && { place: t('raid.error.place') }),
      ...(!committedAt && { committedAt: t('raid.error.dateTime') }),
      ...((evidence.length === 0 || !evidence.every(isWebLink)) && { evidence: t('raid.error.evidence') }),
    });
    if (ok)
      props.onSend({
        offenceType: drafts.offenceType,
        offenderCategory: drafts.offenderCategory as RecordOffence['offenderCategory'],
        offenderName: drafts.offenderName.trim(),
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
      {catalogue.failure !== null && <ErrorNotice error={catalogue.failure} />}
      <SelectField
        {...bind('offenceType')}
        label={t('fine.offence')}
        mandatory
        empty={t('form.choose')}
        options={(catalogue.data ?? []).map((o) => ({
          value: o.offenceType,
          label: offenceName(t, o.offenceType, o.title),
        }))}
      />
      <SelectField
        {...bind('offenderCategory')}
        label={t('raid.offence.category')}
        mandatory
        empty={t('form.choose')}
        options={categoryChoices(t)}
      />
      <InputField {...bind('offenderName')} label={t('raid.offence.name')} mandatory maxLength={300} />
      <InputField
        {...bind('offenderIin')}
        label={t('raid.offence.iin')}
        hint={person ? t('raid.offence.iinHint') : t('form.optional')}
        mandatory={person}
        inputMode="numeric"
        maxLength={12}
        autoComplete="off"
      />
      <InputField
        {...bind('offenderBin')}
        label={t('raid.offence.bin')}
        optional
        inputMode="numeric"
        maxLength={12}
        autoComplete="off"
      />
      <InputField
        {...bind('vehiclePlate')}
        label={t('raid.offence.plate')}
        hint={t('raid.offence.plateHint')}
        maxLength={12}
        autoComplete="off"
      />
      <InputField {...bind('place')} label={t('raid.offence.place')} mandatory maxLength={300} />
      <InputField
        {...bind('committedAt')}
        label={t('raid.offence.committedAt')}
        hint={t('raid.dateTimeHint')}
        mandatory
        type="datetime-local"
      />
      <TextAreaField
        {...bind('evidence')}
        label={t('raid.offence.evidence')}
        hint={t('raid.offence.evidenceHint')}
        mandatory
        rows={2}
      />
    </StepForm>
  );
}
