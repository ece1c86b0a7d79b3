// Translation for every user-facing string. Catalogues live in src/i18n/en and src/i18n/fr,
// one file per area; both languages must define the same keys (a unit test checks it).
import i18next, { type TFunction } from 'i18next';

import { LOCALES, type Locale } from '../config/locales.js';
import { en } from './en/index.js';
import { fr } from './fr/index.js';

export type { Locale };
export type Translate = TFunction;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Maps a platform locale ("fr-FR", "fr_CA", "en-GB", "de") to a supported one, else the fallback. */
export function resolveLocale(platformLocale: string | null | undefined, fallback: Locale = 'en'): Locale {
  const language = platformLocale?.trim().toLowerCase().slice(0, 2);
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : fallback;
}

const translators = new Map<Locale, TFunction>();
// Keys looked up without options are a fixed set in the code; the cap only guards against a key
// built from input.
const MAX_KEPT_LOOKUPS = 10_000;

/**
 * Returns the translate function of a locale, built once. A lookup of a key without options
 * (a heading, a label) is kept, because the catalogues do not change while the process runs.
 */
export function translator(locale: Locale): TFunction {
  let translate = translators.get(locale);
  if (!translate) translators.set(locale, (translate = keepingPlainLookups(instance.getFixedT(locale))));
  return translate;
}

function keepingPlainLookups(fixed: TFunction): TFunction {
  const call = fixed as unknown as (...args: unknown[]) => unknown;
  const kept = new Map<string, unknown>();
  const translate = (...args: unknown[]): unknown => {
    const key = args[0];
    if (args.length !== 1 || typeof key !== 'string') return call(...args);
    if (kept.has(key)) return kept.get(key);
    const text = call(key);
    if (kept.size < MAX_KEPT_LOOKUPS) kept.set(key, text);
    return text;
  };
  return Object.assign(translate, fixed) as unknown as TFunction;
}

const DAY_MS = 86_400_000;

// Intl formatters are costly to build and safe to share, so each locale builds its own once.
const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

function relativeFormatOf(locale: Locale): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return format;
}

function dateFormatOf(locale: Locale): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' })));
  return format;
}

/**
 * Formats a date relative to now in words: "today", "3 weeks ago", "il y a 3 semaines".
 * Days under two weeks, weeks under two months, months under two years, then years.
 */
export function formatRelativeDate(date: Date | string, locale: Locale, now: Date = new Date()): string {
  const then = typeof date === 'string' ? new Date(date) : date;
  const days = Math.round((startOfDay(then) - startOfDay(now)) / DAY_MS);
  const format = relativeFormatOf(locale);
  const size = Math.abs(days);
  if (size < 14) return format.format(days, 'day');
  if (size < 60) return format.format(Math.round(days / 7), 'week');
  if (size < 730) return format.format(Math.round(days / 30.44), 'month');
  return format.format(Math.round(days / 365.25), 'year');
}

/** Formats a calendar date ("4 Dec 2026", "4 déc. 2026"). */
export function formatDate(date: Date | string, locale: Locale): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return dateFormatOf(locale).format(value);
}

function startOfDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
