import { useI18n } from '../i18n/i18n-context';
import { formatDate, formatDateTime, LOCALES } from './dates';
import { formatTiyn } from './money';

/** Money, instants and days as the page's language writes them, times in Almaty. */
export function useFormat() {
  const { language } = useI18n();
  return {
    money: (tiyn: number | null | undefined) => (tiyn === null || tiyn === undefined ? '—' : formatTiyn(tiyn)),
    dateTime: (iso: string | null | undefined) => (iso ? formatDateTime(iso, language) : '—'),
    date: (day: string | null | undefined) => (day ? formatDate(day, language) : '—'),
    number: (value: number) => new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }).format(value),
  };
}
