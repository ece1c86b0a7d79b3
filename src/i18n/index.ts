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

/** Returns the translate function of a locale. */
export function translator(locale: Locale): TFunction {
  return instance.getFixedT(locale);
}

const DAY_MS = 86_400_000;

/**
 * Formats a date relative to now in words: "today", "3 weeks ago", "il y a 3 semaines".
 * Days under two weeks, weeks under two months, months under two years, then years.
 */
export function formatRelativeDate(date: Date | string, locale: Locale, now: Date = new Date()): string {
  const then = typeof date === 'string' ? new Date(date) : date;
  const days = Math.round((startOfDay(then) - startOfDay(now)) / DAY_MS);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const size = Math.abs(days);
  if (size < 14) return format.format(days, 'day');
  if (size < 60) return format.format(Math.round(days / 7), 'week');
  if (size < 730) return format.format(Math.round(days / 30.44), 'month');
  return format.format(Math.round(days / 365.25), 'year');
}

/** Formats a calendar date ("4 Dec 2026", "4 déc. 2026"). */
export function formatDate(date: Date | string, locale: Locale): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(value);
}

function startOfDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
