// French typography of the French catalogue: a space before ":" ";" "?" "!", the typographic
// apostrophe, « » around quoted values, and the plural agreement of counted words.
import { describe, expect, it } from 'vitest';

import { describeError } from '../../src/app/error-reply.js';
import { AppError } from '../../src/app/errors.js';
import { renderReply } from '../../src/cli/render.js';
import { fr } from '../../src/i18n/fr/index.js';
import { translator } from '../../src/i18n/index.js';
import { renderMessage } from '../../src/slack/render/blocks.js';

function stringsOf(value: unknown, prefix = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => stringsOf(child, prefix ? `${prefix}.${key}` : key));
}

// URLs (https://…, postgres://…:5432/…), placeholders and inline code may hold a colon or an
// apostrophe that is not French punctuation, so they are removed before the checks.
function prose(text: string): string {
  return text
    .replace(/\b[a-z][a-z+]*:\/\/\S*/g, ' ')
    .replace(/\{\{[^}]*\}\}/g, 'x')
    .replace(/\$t\([^)]*\)/g, 'x')
    .replace(/`[^`]*`/g, ' ');
}

const entries = stringsOf(fr);

describe('French catalogue typography', () => {
  it('walks every French string', () => {
    expect(entries.length).toBeGreaterThan(1000);
  });

  it('puts a space before colons', () => {
    const missing = entries.filter(([, text]) => /[\p{L}\d)»]:(\s|$)/u.test(prose(text))).map(([key]) => key);
    expect(missing).toEqual([]);
  });

  it('puts a space before ; ? and !', () => {
    const missing = entries.filter(([, text]) => /[\p{L}\d)»][;?!](\s|$|\))/u.test(prose(text))).map(([key]) => key);
    expect(missing).toEqual([]);
  });

  it('uses the typographic apostrophe', () => {
    const straight = entries.filter(([, text]) => /\p{L}'\p{L}/u.test(prose(text))).map(([key]) => key);
    expect(straight).toEqual([]);
  });

  it('quotes values with « »', () => {
    const quoted = entries.filter(([, text]) => /(^|[\s(])'[^'\s][^']*'/u.test(prose(text))).map(([key]) => key);
    expect(quoted).toEqual([]);
  });

  it('puts spaces inside « »', () => {
    const tight = entries.filter(([, text]) => /«\S|\S»/u.test(text)).map(([key]) => key);
    expect(tight).toEqual([]);
  });

  it('checks catch the faults they target', () => {
    expect(/[\p{L}\d)»]:(\s|$)/u.test(prose('Score: {{score}}/100'))).toBe(true);
    expect(/[\p{L}\d)»]:(\s|$)/u.test(prose('Indiquez 09:00 ou postgres://o2o@127.0.0.1:5432/o2o : {{value}}'))).toBe(false);
    expect(/\p{L}'\p{L}/u.test(prose("Journal d'audit"))).toBe(true);
    expect(/(^|[\s(])'[^'\s][^']*'/u.test(prose("Vouliez-vous dire 'Acme Energy' ?"))).toBe(true);
  });
});

describe('French output', () => {
  const t = translator('fr');

  it('quotes suggested names with « »', () => {
    const error = new AppError('not_found', 'lookup.notFound.account', { query: 'Acme Enrgy' }, { suggestions: [{ id: 'a1', label: 'Acme Energy' }] });
    expect(describeError(error, t)).toBe('Aucun compte ne correspond à « Acme Enrgy ». Vouliez-vous dire « Acme Energy » ?');
  });

  it('keeps English suggestions in straight quotes', () => {
    const error = new AppError('not_found', 'lookup.notFound.account', { query: 'Acme Enrgy' }, { suggestions: [{ id: 'a1', label: 'Acme Energy' }] });
    expect(describeError(error, translator('en'))).toContain("'Acme Energy'");
  });

  it('writes a space before the colon of a field', () => {
    const reply = { text: 'x', blocks: [{ type: 'fields' as const, fields: [{ label: 'Score', value: '25/100' }, { label: 'Étape', value: 'Découverte' }] }] };
    expect(renderReply(reply, t)).toBe('Score : 25/100\nÉtape : Découverte');
    expect(renderReply(reply, translator('en'))).toBe('Score: 25/100\nÉtape: Découverte');
  });

  it('writes a space before the colon of a Slack table cell', () => {
    const reply = { text: 'x', blocks: [{ type: 'table' as const, columns: ['Contact', 'Fonction'], rows: [['Anna Roy', 'Directrice financière']] }] };
    expect(JSON.stringify(renderMessage(reply, { t }).blocks)).toContain('Fonction : Directrice financière');
    expect(JSON.stringify(renderMessage(reply, { t: translator('en') }).blocks)).toContain('Fonction: Directrice financière');
  });

  it('agrees committee counts in number', () => {
    expect(t('deals.coverage.counts', { covered: 1, weak: 0, uncovered: 2 })).toBe('1 couvert, 0 faiblement couvert, 2 non couverts');
    expect(t('deals.coverage.counts', { covered: 3, weak: 2, uncovered: 1 })).toBe('3 couverts, 2 faiblement couverts, 1 non couvert');
  });

  it('agrees folded map boxes in number', () => {
    expect(t('deals.map.more', { count: 1 })).toBe('+1 autre');
    expect(t('deals.map.more', { count: 4 })).toBe('+4 autres');
    expect(t('deals.coverage.more', { count: 1 })).toBe('1 autre non affiché.');
  });

  it('agrees counted people, contacts and days', () => {
    expect(t('deals.map.captionFull', { count: 1 })).toMatch(/^1 personne\. /);
    expect(t('deals.map.captionFull', { count: 7 })).toMatch(/^7 personnes\. /);
    expect(t('jobs.digest.addedContacts', { count: 1, names: 'Ana' })).toBe('1 contact, par Ana');
    expect(t('jobs.digest.addedRelationships', { count: 2, names: 'Ana' })).toBe('2 relations, par Ana');
    expect(t('deals.coverage.gap.stale_lapsing', { member: 'Ana', contact: 'Bob', days: 1 })).toBe('La relation entre Ana et Bob se refroidit dans 1 jour.');
  });

  it('needs no elision before a name', () => {
    const text = t('deals.coverage.gap.stale_lapsing', { member: 'Oliver Grant', contact: 'Anna Roy', days: 5 });
    expect(text).toBe('La relation entre Oliver Grant et Anna Roy se refroidit dans 5 jours.');
  });

  it('starts an invalid value message with a capital', () => {
    expect(t('validation.invalidField', { field: t('fields.limit'), reason: t('validation.tooBig', { max: 100 }) })).toBe('Champ « nombre de lignes » invalide : doit valoir au plus 100.');
  });
});
