import { describe, expect, it } from 'vitest';

import { en } from '../../src/i18n/en/index.js';
import { fr } from '../../src/i18n/fr/index.js';
import { formatRelativeDate, resolveLocale, translator } from '../../src/i18n/index.js';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('catalogues', () => {
  it('define the same keys in English and French', () => {
    expect(keysOf(fr).sort()).toEqual(keysOf(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((match) => match[1]).sort();
    const enTexts = new Map(keysOf(en).map((key) => [key, key.split('.').reduce<any>((node, part) => node[part], en)]));
    for (const key of keysOf(fr)) {
      const frText = key.split('.').reduce<any>((node, part) => node[part], fr) as string;
      expect(placeholders(frText), key).toEqual(placeholders(enTexts.get(key) as string));
    }
  });
});

describe('translator', () => {
  it('pluralises in each language', () => {
    expect(translator('en')('count.contacts', { count: 1 })).toBe('1 contact');
    expect(translator('en')('count.contacts', { count: 0 })).toBe('0 contacts');
    expect(translator('fr')('count.people', { count: 0 })).toBe('0 personne');
    expect(translator('fr')('count.people', { count: 2 })).toBe('2 personnes');
  });
});

describe('resolveLocale', () => {
  it('maps platform locales', () => {
    expect(resolveLocale('fr-FR')).toBe('fr');
    expect(resolveLocale('fr_CA')).toBe('fr');
    expect(resolveLocale('en-GB')).toBe('en');
    expect(resolveLocale('de-DE', 'fr')).toBe('fr');
    expect(resolveLocale(undefined, 'fr')).toBe('fr');
  });
});

describe('formatRelativeDate', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('writes weeks in French', () => {
    expect(formatRelativeDate('2026-11-10', 'fr', now)).toBe('il y a 3 semaines');
  });

  it('writes days, months and years in English', () => {
    expect(formatRelativeDate('2026-12-01', 'en', now)).toBe('today');
    expect(formatRelativeDate('2026-11-28', 'en', now)).toBe('3 days ago');
    expect(formatRelativeDate('2026-06-01', 'en', now)).toBe('6 months ago');
    expect(formatRelativeDate('2023-12-01', 'en', now)).toBe('3 years ago');
  });
});
