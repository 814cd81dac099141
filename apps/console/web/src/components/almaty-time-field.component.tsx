import { useI18n } from '../i18n/i18n-context';
import { InputField, type FieldFrame } from './field.component';

/** A date and time that must be given, typed on Almaty's wall clock whatever the browser's zone (the hint says so). */
export function AlmatyTimeField(props: Omit<FieldFrame, 'hint' | 'mandatory'>) {
  const { t } = useI18n();
  return <InputField {...props} hint={t('raid.dateTimeHint')} mandatory type="datetime-local" />;
}
