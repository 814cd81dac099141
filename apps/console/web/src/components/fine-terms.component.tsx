import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { Fact } from './fact.component';

/** What fines set a fine's amount and deadlines by, as its answer to the issue and its page both tell it. */
interface FineTerms {
  amountTiyn: number;
  dueDate: string | null;
  mciMultiples: number;
  mciTiyn: number;
  mciEffectiveFrom: string;
  discountAmountTiyn: number;
  discountDeadline: string;
  mciUnverified: boolean;
  calendarUnverified: boolean;
}

/**
 * A fine's terms, as facts of its list (`<dl class="facts">`): the amount, how it was set (so many MCI, at the MCI in
 * force from its date), the discounted amount and the day it is due by, and the due date. Test ids `<prefix>amount`,
 * `<prefix>discount` and `<prefix>due` tell the fine's page (`fine-`) from the answer to the issue (`issued-`).
 */
export function FineTermsFacts(props: { fine: FineTerms; testIdPrefix: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const f = props.fine;
  const prefix = props.testIdPrefix;
  return (
    <>
      <Fact label={t('fine.amount')} testId={`${prefix}amount`}>
        {format.money(f.amountTiyn)}
      </Fact>
      <Fact label={t('fine.mci')}>
        {t('fine.mciIs', {
          multiples: f.mciMultiples,
          mci: format.money(f.mciTiyn),
          from: format.date(f.mciEffectiveFrom),
        })}
      </Fact>
      <Fact label={t('fine.discount')} testId={`${prefix}discount`}>
        {t('fine.discountUntil', { amount: format.money(f.discountAmountTiyn), date: format.date(f.discountDeadline) })}
      </Fact>
      <Fact label={t('fine.dueDate')} testId={`${prefix}due`}>
        {format.date(f.dueDate)}
      </Fact>
    </>
  );
}

/** Said plainly when the amount rested on an MCI, or the deadlines on a working-day calendar, not yet verified. */
export function FineCaveats(props: { fine: FineTerms; testIdPrefix?: string }) {
  const { t } = useI18n();
  const prefix = props.testIdPrefix ?? '';
  return (
    <>
      {props.fine.mciUnverified && (
        <p class="notice notice-conflict" data-testid={`${prefix}mci-unverified`}>
          {t('fine.mciUnverified')}
        </p>
      )}
      {props.fine.calendarUnverified && (
        <p class="notice notice-conflict" data-testid={`${prefix}calendar-unverified`}>
          {t('fine.calendarUnverified')}
        </p>
      )}
    </>
  );
}
