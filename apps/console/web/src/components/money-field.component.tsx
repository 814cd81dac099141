import { formatTiyn, parseTenge } from '../format/money';
import { useI18n } from '../i18n/i18n-context';
import { InputField, type FieldFrame } from './field.component';

/** An amount typed in tenge, its hint saying back the exact amount it reads (to the tiyn). */
export function MoneyField(props: Omit<FieldFrame, 'hint'>) {
  const { t } = useI18n();
  const tiyn = parseTenge(props.value);
  const hint = tiyn === null ? t('case.moneyHint') : t('case.moneyIs', { amount: formatTiyn(tiyn) });
  return <InputField {...props} hint={hint} inputMode="decimal" />;
}
