import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';

/** What fines set a fine's amount and deadlines by, as its answer to the issue and its page both tell it. */
interface FineTerms {
  mciMultiples: number;
  mciTiyn: number;
  mciEffectiveFrom: string;
  discountAmountTiyn: number;
  discountDeadline: string;
  mciUnverified: boolean;
  calendarUnverified: boolean;
}

/** The amount as set: so many MCI, at the MCI in force from its date. */
export function MciTerms(props: { fine: FineTerms }) {
  const { t } = useI18n();
  const format = useFormat();
  const f = props.fine;
  return (
    <>
      {t('fine.mciIs', {
        multiples: f.mciMultiples,
        mci: format.money(f.mciTiyn),
        from: format.date(f.mciEffectiveFrom),
      })}
    </>
  );
}

/** The discounted amount and the day it is due by. */
export function DiscountTerms(props: { fine: FineTerms }) {
  const { t } = useI18n();
  const format = useFormat();
  const f = props.fine;
  return (
    <>
      {t('fine.discountUntil', { amount: format.money(f.discountAmountTiyn), date: format.date(f.discountDeadline) })}
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
