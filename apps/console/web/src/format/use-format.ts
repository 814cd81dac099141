import { useI18n } from '../i18n/i18n-context';
import { formatDate, formatDateTime } from './dates';
import { formatTiyn } from './money';
import { formatNumber } from './numbers';

/** Money, instants and days as the page's language writes them, times in Almaty. */
export function useFormat() {
  const { language } = useI18n();
  return {
    money: (tiyn: number | null | undefined) => (tiyn === null || tiyn === undefined ? '—' : formatTiyn(tiyn)),
    dateTime: (iso: string | null | undefined) => (iso ? formatDateTime(iso, language) : '—'),
    date: (day: string | null | undefined) => (day ? formatDate(day, language) : '—'),
    number: (value: number) => formatNumber(value, language),
    /** Always two decimals ("1.50", "0.00"), so a column of ratios lines up. */
    ratio: (value: number) => formatNumber(value, language, 2, 2),
  };
}
