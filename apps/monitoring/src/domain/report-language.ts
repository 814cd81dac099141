/**
 * The language a reporter chose to be told about their report in: Kazakh (the state language, so the default),
 * Russian or English. Reports filed before the choice existed have none and are answered in Kazakh.
 */
export const REPORT_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];
export const DEFAULT_REPORT_LANGUAGE: ReportLanguage = 'kk';
