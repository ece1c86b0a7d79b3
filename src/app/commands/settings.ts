// The settings command of the shared grammar: the tenant's deal stages, buying stages,
// vocabularies and coverage numbers.
//   settings                                   shows them (every member)
//   settings stages|buying-stages|team-roles|committee-roles|motivation-tags|key-roles A, B, C
//   settings covered-strength|covered-days|stale-days|max-assignments|account-contacts N
//   settings stage-expectation STAGE ROLE, ROLE…|none
//   settings role-weight ROLE WEIGHT|none
// Changes are for admins; the use case checks it.
import { errorReply } from '../error-reply.js';
import { AppError } from '../errors.js';
import { presentSettings, presentSettingsChange } from '../present/settings.js';
import type { Reply } from '../reply.js';
import { changeTenantSettings, type CoverageNumberKey, type SettingsChange, type VocabularyKey } from '../settings-change.js';
import { readTenantSettings } from '../settings.js';
import type { CommandEnvironment } from './environment.js';
import { tokenize, type Token } from './tokenize.js';
import type { CommandResult, ParseResult } from './types.js';

export type SettingsCommand = { verb: 'settings'; action: 'show'; line: string } | { verb: 'settings'; action: 'change'; change: SettingsChange; line: string };

/** The setting words as typed after "settings", and what each changes. */
export const SETTING_WORDS: Record<string, { list: VocabularyKey | 'keyRoles' } | { number: CoverageNumberKey } | { rule: 'stageExpectation' | 'roleWeight' }> = {
  stages: { list: 'stages' },
  'buying-stages': { list: 'buyingStages' },
  'team-roles': { list: 'teamRoles' },
  'committee-roles': { list: 'committeeRoles' },
  'motivation-tags': { list: 'motivationTags' },
  'key-roles': { list: 'keyRoles' },
  'covered-strength': { number: 'coveredMinStrength' },
  'covered-days': { number: 'coveredWithinDays' },
  'stale-days': { number: 'staleWarningDays' },
  'max-assignments': { number: 'maxAssignmentsPerMember' },
  'account-contacts': { number: 'accountContactLimit' },
  'stage-expectation': { rule: 'stageExpectation' },
  'role-weight': { rule: 'roleWeight' },
};

// Other spellings users type for the same settings.
const ALIASES: Record<string, string> = {
  buying_stages: 'buying-stages',
  team_roles: 'team-roles',
  roles: 'committee-roles',
  committee_roles: 'committee-roles',
  tags: 'motivation-tags',
  motivation_tags: 'motivation-tags',
  key_roles: 'key-roles',
  covered_strength: 'covered-strength',
  covered_days: 'covered-days',
  stale_days: 'stale-days',
  max_assignments: 'max-assignments',
  account_contacts: 'account-contacts',
  stage_expectation: 'stage-expectation',
  'stage-expectations': 'stage-expectation',
  stage_expectations: 'stage-expectation',
  role_weight: 'role-weight',
  'role-weights': 'role-weight',
  role_weights: 'role-weight',
};

// Typed as the whole list of key roles or of a stage's roles, or as a role's weight, to have none.
const NONE_WORDS = new Set(['none', 'aucun', 'aucune']);

type Failure = Extract<ParseResult, { ok: false }>;

const failure = (messageKey: string, params?: Record<string, unknown>): Failure => ({ ok: false, failure: { messageKey, verb: 'settings', ...(params && { params }) } });

/** Parses a settings line; returns null when the line is another command. */
export function parseSettingsCommand(line: string): ParseResult | null {
  const trimmed = line.trim();
  const tokens = tokenize(trimmed);
  const first = tokens[0];
  if (first?.kind !== 'word' || first.quoted || first.text.toLowerCase() !== 'settings') return null;
  const rest = tokens.slice(1);
  if (rest.length === 0) return { ok: true, command: { verb: 'settings', action: 'show', line: trimmed } };

  const word = rest[0]!;
  if (word.kind !== 'word' || word.quoted) return unknownSetting(word.kind === 'word' ? word.text : '@');
  if (rest.slice(1).some((token) => token.kind === 'mention')) return failure('settings.commands.mention');
  const words = rest.slice(1).flatMap((token) => (token.kind === 'word' ? [token.text] : []));
  return settingsCommandOf(word.text, itemsOf(rest.slice(1)), trimmed, words);
}

/**
 * Builds the change a setting word and its values request: a list of names, a stage and its
 * roles, a role and its weight, or one whole number. `items` are the values split at commas.
 * `words` are the values as typed, one per word or quoted phrase, and the CLI passes its
 * arguments there. The stage of an expectation and the weight of a role are read from `words`.
 */
export function settingsCommandOf(settingWord: string, items: string[], line: string, words: string[] = items): ParseResult {
  const lower = settingWord.toLowerCase();
  const name = ALIASES[lower] ?? lower;
  const setting = SETTING_WORDS[name];
  if (!setting) return unknownSetting(settingWord);

  if ('rule' in setting) {
    const change = setting.rule === 'stageExpectation' ? stageExpectationOf(words) : roleWeightOf(words);
    return 'failure' in change ? change : { ok: true, command: { verb: 'settings', action: 'change', change, line } };
  }

  if ('number' in setting) {
    if (items.length === 0) return failure('settings.commands.missingNumber', { setting: name });
    const text = items.join(' ');
    if (items.length > 1 || !/^\d{1,6}$/.test(text)) return failure('settings.commands.invalidNumber', { setting: name, value: text });
    return { ok: true, command: { verb: 'settings', action: 'change', change: { kind: 'number', key: setting.number, value: Number(text) }, line } };
  }

  if (items.length === 0) return failure('settings.commands.missingList', { setting: name });
  if (setting.list === 'keyRoles') {
    const names = items.length === 1 && NONE_WORDS.has(items[0]!.toLowerCase()) ? [] : items;
    return { ok: true, command: { verb: 'settings', action: 'change', change: { kind: 'keyRoles', names }, line } };
  }
  return { ok: true, command: { verb: 'settings', action: 'change', change: { kind: 'vocabulary', key: setting.list, names: items }, line } };
}

/** Reads "STAGE ROLE, ROLE…" or "STAGE none". The stage is one word (its id) or a quoted name. */
function stageExpectationOf(words: string[]): SettingsChange | Failure {
  const stage = (words[0] ?? '').replace(/[,;:]+$/, '').trim();
  const roles = splitListArguments(words.slice(1));
  if (!stage || roles.length === 0) return failure('settings.commands.missingExpectation');
  const none = roles.length === 1 && NONE_WORDS.has(roles[0]!.toLowerCase());
  return { kind: 'stageExpectation', stage, roles: none ? [] : roles };
}

/** Reads "ROLE WEIGHT" or "ROLE none"; the weight is the last word, with a decimal point or comma. */
function roleWeightOf(words: string[]): SettingsChange | Failure {
  const last = words.at(-1) ?? '';
  const role = words.slice(0, -1).join(' ').replace(/[,;:]+$/, '').trim();
  if (!role) return failure('settings.commands.missingWeight');
  if (NONE_WORDS.has(last.toLowerCase())) return { kind: 'roleWeight', role, weight: null };
  if (!/^\d{1,6}([.,]\d{1,6})?$/.test(last)) return failure('settings.commands.invalidWeight', { role, value: last });
  return { kind: 'roleWeight', role, weight: Number(last.replace(',', '.')) };
}

function unknownSetting(value: string): Failure {
  return failure('settings.commands.unknownSetting', { value, options: Object.keys(SETTING_WORDS).join(', ') });
}

/** Splits the values of a list at commas and semicolons; a quoted phrase stays whole. */
function itemsOf(tokens: Token[]): string[] {
  const items: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const item = current.join(' ').trim();
    if (item) items.push(item);
    current = [];
  };
  for (const token of tokens) {
    if (token.kind !== 'word') continue;
    if (token.quoted) {
      current.push(token.text);
      continue;
    }
    const parts = token.text.split(/[,;]/);
    parts.forEach((part, index) => {
      if (part) current.push(part);
      if (index < parts.length - 1) flush();
    });
  }
  flush();
  return items;
}

/** Splits values typed as separate arguments ("Discovery," "Proposal") at commas and semicolons. */
export function splitListArguments(values: string[]): string[] {
  return values
    .join(' ')
    .split(/[,;]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Runs a settings command; use-case errors become replies. */
export async function executeSettingsCommand(env: Pick<CommandEnvironment, 'ctx' | 't'>, command: SettingsCommand): Promise<CommandResult> {
  try {
    return { kind: 'reply', reply: await runSettingsCommand(env, command), shareable: command.action === 'show' };
  } catch (error) {
    if (error instanceof AppError) return { kind: 'reply', reply: errorReply(error, env.t), shareable: false };
    throw error;
  }
}

/** Runs a settings command and returns its reply; errors of the use cases are thrown. */
export async function runSettingsCommand(env: Pick<CommandEnvironment, 'ctx' | 't'>, command: SettingsCommand): Promise<Reply> {
  const { ctx, t } = env;
  if (command.action === 'show') return presentSettings(await readTenantSettings(ctx), t);
  return presentSettingsChange(await changeTenantSettings(ctx, command.change), command.change, t);
}
