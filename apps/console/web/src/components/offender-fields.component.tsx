import type { Translate } from '../i18n/translate';
import { useI18n } from '../i18n/i18n-context';
import { isBin } from '../labels/budget.labels';
import { categoryChoices, offenceName } from '../labels/fine.labels';
import { type BoundField, CodeField, InputField, SelectField } from './field.component';
import { ErrorNotice } from './notices.component';

/** The offender's part of a form's draft, as the raid's offence and the fine's issue both take it. */
export const OFFENDER_FIELDS = [
  'offenderCategory',
  'offenderName',
  'offenderIin',
  'offenderBin',
  'vehiclePlate',
] as const;
type OffenderField = (typeof OFFENDER_FIELDS)[number];
type OffenderDraft = Record<OffenderField, string>;
type OffenderBind = (name: OffenderField) => BoundField;

/** Offenders the services ask an IIN of (a person); a business is known by its BIN. */
const PERSONS: readonly string[] = ['individual', 'official'];
const isPerson = (category: string) => PERSONS.includes(category);

/**
 * Who a business is, by the rule of the service that takes the form: fines asks a business its BIN
 * (requireOffenderIdentity), monitoring's offence takes a BIN without asking it.
 */
export type BinRule = 'business' | 'optional';

/** The offender as typed, tidied: a plate without spaces or dashes, in capitals. */
export function offenderOf(draft: OffenderDraft) {
  return {
    name: draft.offenderName.trim(),
    iin: draft.offenderIin.trim(),
    bin: draft.offenderBin.trim(),
    plate: draft.vehiclePlate.replace(/[\s-]/g, '').toUpperCase(),
  };
}

/** What is wrong with the offender's fields, in their order. */
export function offenderErrors(t: Translate, draft: OffenderDraft, binRule: BinRule): Partial<OffenderDraft> {
  const { name, iin, bin, plate } = offenderOf(draft);
  const person = isPerson(draft.offenderCategory);
  const business = binRule === 'business' && draft.offenderCategory !== '' && !person;
  return {
    ...(!draft.offenderCategory && { offenderCategory: t('raid.error.offenderCategory') }),
    ...(!name && { offenderName: t('raid.error.offenderName') }),
    ...(((person && !iin) || (iin && !isBin(iin))) && { offenderIin: t('raid.error.iin') }),
    ...(((business && !bin) || (bin && !isBin(bin))) && {
      offenderBin: binRule === 'business' ? t('fineIssue.error.bin') : t('raid.error.bin'),
    }),
    ...(plate && !/^[A-Z0-9]{4,10}$/.test(plate) && { vehiclePlate: t('raid.error.plate') }),
  };
}

/** The offence, from fines' catalogue (its read's failure said above it). */
export function OffenceTypeField(props: {
  frame: BoundField;
  catalogue: { data: readonly { offenceType: string; title: string }[] | null; failure: unknown };
}) {
  const { t } = useI18n();
  const { catalogue } = props;
  return (
    <>
      {catalogue.failure !== null && <ErrorNotice error={catalogue.failure} />}
      <SelectField
        {...props.frame}
        label={t('fine.offence')}
        mandatory
        empty={t('form.choose')}
        options={(catalogue.data ?? []).map((o) => ({
          value: o.offenceType,
          label: offenceName(t, o.offenceType, o.title),
        }))}
      />
    </>
  );
}

/**
 * The offender: its category (`categoryHint` beneath it), name, IIN (asked of a person), BIN (asked of a business
 * where `binRule` says so) and the vehicle's plate.
 */
export function OffenderFields(props: {
  bind: OffenderBind;
  category: string;
  binRule: BinRule;
  categoryHint?: string;
}) {
  const { t } = useI18n();
  const { bind } = props;
  const person = isPerson(props.category);
  const business = props.binRule === 'business' && props.category !== '' && !person;
  return (
    <>
      <SelectField
        {...bind('offenderCategory')}
        label={t('raid.offence.category')}
        hint={props.categoryHint}
        mandatory
        empty={t('form.choose')}
        options={categoryChoices(t)}
      />
      <InputField {...bind('offenderName')} label={t('raid.offence.name')} mandatory maxLength={300} />
      <IdentityField {...bind('offenderIin')} kind="iin" asked={person} />
      <IdentityField {...bind('offenderBin')} kind="bin" asked={business} />
      <CodeField
        {...bind('vehiclePlate')}
        label={t('raid.offence.plate')}
        hint={t('raid.offence.plateHint')}
        maxLength={12}
      />
    </>
  );
}

/** What names the offender's IIN and BIN, and what says why one is asked. */
const IDENTITIES = {
  iin: { label: 'raid.offence.iin', asked: 'raid.offence.iinHint' },
  bin: { label: 'raid.offence.bin', asked: 'fineIssue.binHint' },
} as const;

/** An IIN or a BIN: twelve digits, asked of this offender (the hint says why) or else optional. */
function IdentityField(props: BoundField & { kind: keyof typeof IDENTITIES; asked: boolean }) {
  const { t } = useI18n();
  const { kind, asked, ...frame } = props;
  return (
    <CodeField
      {...frame}
      label={t(IDENTITIES[kind].label)}
      hint={asked ? t(IDENTITIES[kind].asked) : t('form.optional')}
      mandatory={asked}
      digits={12}
    />
  );
}
