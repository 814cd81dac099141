import { useI18n } from '../i18n/i18n-context';
import { InputField, TextAreaField, type BoundField } from './field.component';

/** Where the offence was committed, as the raid's offence and the fine's issue both ask it. */
export function OffencePlaceField(props: BoundField) {
  const { t } = useI18n();
  return <InputField {...props} label={t('raid.offence.place')} mandatory maxLength={300} />;
}

/** The links to the offence's evidence, one a line. */
export function OffenceEvidenceField(props: BoundField) {
  const { t } = useI18n();
  return (
    <TextAreaField
      {...props}
      label={t('raid.offence.evidence')}
      hint={t('raid.offence.evidenceHint')}
      mandatory
      rows={2}
    />
  );
}
