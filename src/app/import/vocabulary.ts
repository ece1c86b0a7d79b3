// Values of import files read in English or French: relationship kinds, visibilities, statuses,
// strengths and dates.
import { normalizeName } from '../../domain/names.js';
import { RELATIONSHIP_KINDS } from '../relationships.js';
import type { ImportIssue, Visibility } from './types.js';

type Kind = (typeof RELATIONSHIP_KINDS)[number];

const KIND_ALIASES: Record<string, Kind> = {
  work: 'work',
  travail: 'work',
  professionnel: 'work',
  customer_meetings: 'work',
  worked_together: 'work',
  former_colleague: 'former_colleague',
  ancien_collegue: 'former_colleague',
  social: 'social',
  met_at_event: 'social',
  introduced: 'introduced',
  presente: 'introduced',
  introduit: 'introduced',
  family: 'family',
  famille: 'family',
  other: 'other',
  autre: 'other',
};

const VISIBILITY_ALIASES: Record<string, Visibility> = {
  private: 'private',
  prive: 'private',
  privee: 'private',
  deal_team: 'deal_team',
  equipe_affaire: 'deal_team',
  equipe_de_l_affaire: 'deal_team',
  tenant: 'tenant',
  team: 'tenant',
  everyone: 'tenant',
  equipe: 'tenant',
  tous: 'tenant',
};

const STATUS_ALIASES: Record<string, 'active' | 'left'> = {
  active: 'active',
  actif: 'active',
  left: 'left',
  parti: 'left',
  partie: 'left',
};

/** Turns a value into a lookup key: "Ancien collègue" and "former-colleague" become snake_case words. */
function vocabularyKey(value: string): string {
  return normalizeName(value).replace(/ /g, '_');
}

function lookup<T>(aliases: Record<string, T>, value: string): T | undefined {
  return Object.hasOwn(aliases, vocabularyKey(value)) ? aliases[vocabularyKey(value)] : undefined;
}

/** Returns the row issue for a value that is not in a column's vocabulary. */
export function invalidValue(line: number, column: string, value: string, options: readonly string[]): ImportIssue {
  return { line, reasonKey: 'import.reason.invalidValue', params: { column, value, options: options.join(', ') } };
}

export function parseKind(value: string): Kind | undefined {
  return lookup(KIND_ALIASES, value);
}

export function parseVisibility(value: string): Visibility | undefined {
  return lookup(VISIBILITY_ALIASES, value);
}

export function parseStatus(value: string): 'active' | 'left' | undefined {
  return lookup(STATUS_ALIASES, value);
}

/** Parses a relationship strength: a whole number from 1 to 5. */
export function parseStrength(value: string): number | undefined {
  return /^[1-5]$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Parses a date written "12 Mar 2024" (LinkedIn's "Connected On"), "12-Mar-24" or 2024-03-12 into
 * YYYY-MM-DD; a two-digit year is read as 20xx. Returns undefined for anything else or for a
 * day that does not exist.
 */
export function parseDayMonthYear(value: string): string | undefined {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const named = /^(\d{1,2})[\s-]+([A-Za-z]{3,})\.?[\s-]+(\d{2}|\d{4})$/.exec(text);
  let year: number;
  let month: number;
  let day: number;
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (named) {
    month = MONTHS.indexOf(named[2]!.slice(0, 3).toLowerCase()) + 1;
    if (month === 0) return undefined;
    day = Number(named[1]);
    year = named[3]!.length === 2 ? 2000 + Number(named[3]) : Number(named[3]);
  } else {
    return undefined;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

export const KIND_VALUES = RELATIONSHIP_KINDS;
export const VISIBILITY_VALUES: readonly Visibility[] = ['private', 'deal_team', 'tenant'];
export const STATUS_VALUES = ['active', 'left'] as const;
