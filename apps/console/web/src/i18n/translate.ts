import en from '../../i18n/en.json' with { type: 'json' };
import kk from '../../i18n/kk.json' with { type: 'json' };
import ru from '../../i18n/ru.json' with { type: 'json' };
import type { Language } from '../format/dates';

export type { Language } from '../format/dates';
export const LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];

export type Dictionary = Record<string, string>;
const DICTIONARIES: Record<Language, Dictionary> = { kk, ru, en };

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The text of a key in a language, with {name} placeholders filled in. A key the language lacks shows as the key
 * itself ("case.verify.title"), never as another language's text: a gap is visible, and the browser tests look for it.
 */
export function translator(language: Language): Translate {
  const dictionary = DICTIONARIES[language];
  return (key, values) => {
    const text = dictionary[key];
    if (text === undefined) return key;
    return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)) : text;
  };
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
