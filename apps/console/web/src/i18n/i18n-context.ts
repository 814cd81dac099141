import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translator, type Language, type Translate } from './translate';

export interface I18n {
  language: Language;
  t: Translate;
  setLanguage(language: Language): void;
}

export const I18nContext = createContext<I18n>({ language: 'kk', t: translator('kk'), setLanguage: () => undefined });

/** The page's language, its translator and the switch. */
export const useI18n = () => useContext(I18nContext);
