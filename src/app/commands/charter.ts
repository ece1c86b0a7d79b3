// The relationship charter's commands of the shared grammar:
//   charter [accept | opt-out | opt-in | settings | set SETTING VALUE]
//   my relationships [page N]
//   visibility PERSON [at ACCOUNT] private|deal_team|tenant
//   introduction request PERSON [at ACCOUNT]    introduction accept|decline ID    introductions
//   audit [actor MEMBER] [action ACTION] [target NAME] [since YYYY-MM-DD|30d] [limit N]
import type { Visibility } from '../../domain/charter.js';
import { normalizeName } from '../../domain/names.js';
import { acceptCharter, optBackIn, optOutOfSharing, readCharterStanding, requireActor } from '../charter/acceptance.js';
import { readAuditLog, type AuditFilter } from '../charter/audit-log.js';
import { answerIntroduction, listIntroductions, requestIntroduction } from '../charter/introductions.js';
import { currentCharterVersion, MAX_RETENTION_MONTHS, readCharterSettings, updateCharterSettings, type CharterPatch } from '../charter/settings.js';
import { listOwnRelationships, setOwnVisibility } from '../charter/visibility.js';
import { errorReply } from '../error-reply.js';
import { AppError } from '../errors.js';
import {
  presentAccepted,
  presentAudit,
  presentCharter,
  presentCharterSettings,
  presentCharterUpdate,
  presentIntroductionAnswer,
  presentIntroductionRequested,
  presentIntroductions,
  presentOwnRelationships,
  presentSharingChange,
  presentVisibilityChange,
} from '../present/charter.js';
import type { Reply, ReplyItem } from '../reply.js';
import type { Translate } from '../../i18n/index.js';
import type { CommandEnvironment } from './environment.js';
import { tokenize, type Token } from './tokenize.js';
import type { CommandResult, ParseResult } from './types.js';

export type CharterAction = 'show' | 'accept' | 'opt-out' | 'opt-in' | 'settings';

export type CharterCommand =
  | { verb: 'charter'; action: CharterAction; line: string }
  | { verb: 'charter'; action: 'set'; patch: CharterPatch; line: string }
  | { verb: 'my-relationships'; page: number; line: string }
  | { verb: 'visibility'; person: string; account?: string; visibility: Visibility; line: string }
  | { verb: 'introduction'; action: 'request'; person: string; account?: string; line: string }
  | { verb: 'introduction'; action: 'accept' | 'decline'; requestId: string; line: string }
  | { verb: 'introductions'; line: string }
  | { verb: 'audit'; filter: AuditFilter; line: string };

export type CharterVerb = CharterCommand['verb'];

const ACTIONS: Record<string, CharterAction | 'set'> = {
  accept: 'accept',
  'opt-out': 'opt-out',
  optout: 'opt-out',
  'opt-in': 'opt-in',
  optin: 'opt-in',
  settings: 'settings',
  set: 'set',
};

// Words each visibility may be typed as, in English or French, once normalised.
const VISIBILITY_WORDS: Record<string, Visibility> = {
  private: 'private',
  prive: 'private',
  privee: 'private',
  deal_team: 'deal_team',
  'deal-team': 'deal_team',
  equipe: 'deal_team',
  tenant: 'tenant',
  everyone: 'tenant',
  all: 'tenant',
  tous: 'tenant',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const failure = (messageKey: string, params?: Record<string, unknown>): ParseResult => ({ ok: false, failure: { messageKey, ...(params && { params }) } });

/** Parses a charter line; returns null when the line is another command. */
export function parseCharterCommand(line: string): ParseResult | null {
  const trimmed = line.trim();
  const tokens = tokenize(trimmed);
  const first = plainWord(tokens[0]);
  const rest = tokens.slice(1);
  switch (first) {
    case 'charter':
    case 'charte':
      return parseCharter(rest, trimmed);
    case 'my':
      return plainWord(rest[0]) === 'relationships' ? parseMine(rest.slice(1), trimmed) : null;
    case 'my-relationships':
      return parseMine(rest, trimmed);
    case 'visibility':
      return parseVisibility(rest, trimmed);
    case 'introduction':
    case 'intro':
      return parseIntroduction(rest, trimmed);
    case 'introductions':
      return rest.length === 0 ? { ok: true, command: { verb: 'introductions', line: trimmed } } : failure('charter.commands.introductionUsage');
    case 'audit':
      return parseAudit(rest, trimmed);
    default:
      return null;
  }
}

function plainWord(token: Token | undefined): string | undefined {
  return token?.kind === 'word' && !token.quoted ? token.text.toLowerCase() : undefined;
}

function words(tokens: Token[]): string | null {
  if (tokens.some((token) => token.kind !== 'word')) return null;
  return tokens.map((token) => (token as { text: string }).text).join(' ').trim();
}

function parseCharter(rest: Token[], line: string): ParseResult {
  if (rest.length === 0) return { ok: true, command: { verb: 'charter', action: 'show', line } };
  const action = ACTIONS[plainWord(rest[0]) ?? ''];
  if (!action) return failure('charter.commands.charterUsage');
  if (action !== 'set') return rest.length === 1 ? { ok: true, command: { verb: 'charter', action, line } } : failure('charter.commands.charterUsage');
  const key = plainWord(rest[1]);
  const value = words(rest.slice(2));
  if (!key || !value) return failure('charter.settings.nothingToChange');
  const patch = parseSetting(key, value);
  return 'failure' in patch ? { ok: false, failure: patch.failure } : { ok: true, command: { verb: 'charter', action: 'set', patch, line } };
}

const SETTING_KEYS: Record<string, keyof CharterPatch> = {
  visibility: 'defaultVisibility',
  'default-visibility': 'defaultVisibility',
  hidden: 'hiddenRelationships',
  'deal-team': 'dealTeam',
  deal_team: 'dealTeam',
  retention: 'retentionMonths',
  acceptance: 'requireAcceptance',
};
const SETTING_VALUES: Partial<Record<keyof CharterPatch, Record<string, unknown>>> = {
  hiddenRelationships: { nothing: 'nothing', rien: 'nothing', existence: 'existence' },
  dealTeam: { same_deal: 'same_deal', same_open_deal: 'same_open_deal', account_open_deals: 'account_open_deals' },
  requireAcceptance: { required: true, optional: false, on: true, off: false, yes: true, no: false, true: true, false: false },
};

/** Reads "SETTING VALUE" of `charter set` into a settings patch. */
export function parseSetting(key: string, value: string): CharterPatch | { failure: { messageKey: string; params: Record<string, unknown> } } {
  const setting = SETTING_KEYS[key.toLowerCase()];
  if (!setting) return { failure: { messageKey: 'charter.settings.unknownSetting', params: { key, options: Object.keys(SETTING_KEYS).filter((name) => !name.includes('_')).join(', ') } } };
  if (setting === 'retentionMonths') {
    const months = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
    if (!(months >= 1 && months <= MAX_RETENTION_MONTHS)) return { failure: { messageKey: 'charter.settings.invalidMonths', params: { value, max: MAX_RETENTION_MONTHS } } };
    return { retentionMonths: months };
  }
  if (setting === 'defaultVisibility') {
    const visibility = visibilityOf(value);
    return visibility ? { defaultVisibility: visibility } : { failure: { messageKey: 'charter.settings.invalidValue', params: { key, value, options: 'private, deal_team, tenant' } } };
  }
  const choices = SETTING_VALUES[setting]!;
  const chosen = choices[value.toLowerCase()];
  if (chosen === undefined) return { failure: { messageKey: 'charter.settings.invalidValue', params: { key, value, options: Object.keys(choices).slice(0, setting === 'requireAcceptance' ? 2 : undefined).join(', ') } } };
  return { [setting]: chosen } as CharterPatch;
}

/** Reads a visibility typed in English or French ("private", "équipe", "everyone"). */
export function visibilityOf(text: string): Visibility | undefined {
  const normalized = normalizeName(text);
  return VISIBILITY_WORDS[text.trim().toLowerCase()] ?? VISIBILITY_WORDS[normalized];
}

function parseMine(rest: Token[], line: string): ParseResult {
  if (rest.length === 0) return { ok: true, command: { verb: 'my-relationships', page: 1, line } };
  const page = plainWord(rest[0]) === 'page' && rest.length === 2 ? Number(plainWord(rest[1])) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > 10_000) return failure('charter.commands.mineUsage');
  return { ok: true, command: { verb: 'my-relationships', page, line } };
}

function parseVisibility(rest: Token[], line: string): ParseResult {
  const value = plainWord(rest.at(-1));
  const visibility = value ? visibilityOf(value) : undefined;
  if (value && !visibility && namesWholePerson(rest.slice(0, -1))) return failure('charter.commands.invalidVisibility', { value });
  if (!visibility || rest.length < 2) return failure('charter.commands.visibilityUsage');
  const { person, account } = personAtAccount(rest.slice(0, -1));
  if (!person) return failure('charter.commands.visibilityUsage');
  return { ok: true, command: { verb: 'visibility', person, ...(account && { account }), visibility, line } };
}

/**
 * Checks whether the words before the last one are a whole person: a quoted name, a mention, or a
 * name followed by `at ACCOUNT`. Then the last word was meant as the visibility. In `visibility
 * Peter Gibbons` the last word may be the end of the name, so that line gets the usage instead.
 */
function namesWholePerson(tokens: Token[]): boolean {
  const [only] = tokens;
  if (tokens.length === 1 && only && (only.kind === 'mention' || only.quoted)) return true;
  return tokens.some((token) => plainWord(token) === 'at');
}

function parseIntroduction(rest: Token[], line: string): ParseResult {
  const action = plainWord(rest[0]);
  if (action === 'request') {
    const { person, account } = personAtAccount(rest.slice(1));
    if (!person) return failure('charter.commands.introductionUsage');
    return { ok: true, command: { verb: 'introduction', action: 'request', person, ...(account && { account }), line } };
  }
  if (action === 'accept' || action === 'decline') {
    const id = rest.length === 2 && rest[1]!.kind === 'word' ? rest[1]!.text : '';
    if (!UUID.test(id)) return failure('charter.commands.invalidId', { value: id });
    return { ok: true, command: { verb: 'introduction', action, requestId: id.toLowerCase(), line } };
  }
  return failure('charter.commands.introductionUsage');
}

/** Splits "PERSON at ACCOUNT" at its last unquoted "at". */
function personAtAccount(tokens: Token[]): { person: string | null; account?: string } {
  const at = tokens.map((token) => plainWord(token)).lastIndexOf('at');
  if (at < 0) return { person: words(tokens) || null };
  const account = words(tokens.slice(at + 1));
  return { person: words(tokens.slice(0, at)) || null, ...(account && { account }) };
}

const AUDIT_KEYWORDS = new Set(['actor', 'action', 'target', 'since', 'limit']);

function parseAudit(rest: Token[], line: string): ParseResult {
  const clauses = new Map<string, Token[]>();
  let current: Token[] | null = null;
  for (const token of rest) {
    const keyword = plainWord(token);
    if (keyword && AUDIT_KEYWORDS.has(keyword) && !clauses.has(keyword)) {
      current = [];
      clauses.set(keyword, current);
    } else if (current) current.push(token);
    else return failure('charter.commands.auditUsage');
  }
  const filter: Record<string, string> = {};
  for (const [keyword, tokens] of clauses) {
    const value = words(tokens);
    if (!value) return failure('charter.commands.auditUsage');
    filter[keyword] = value;
  }
  if (filter.since && !/^(\d{4}-\d{2}-\d{2}|\d{1,4}d)$/.test(filter.since)) return failure('charter.audit.invalidSince', { value: filter.since });
  if (filter.limit && !/^\d{1,3}$/.test(filter.limit)) return failure('charter.commands.auditUsage');
  return { ok: true, command: { verb: 'audit', filter: filter as AuditFilter, line } };
}

/** Runs a charter command; use-case errors become replies. */
export async function executeCharterCommand(env: CommandEnvironment, command: CharterCommand): Promise<CommandResult> {
  try {
    return { kind: 'reply', reply: await runCharterCommand(env, command), shareable: false };
  } catch (error) {
    if (error instanceof AppError) return { kind: 'reply', reply: errorReply(error, env.t), shareable: false };
    throw error;
  }
}

/** Runs a charter command and returns its reply; errors of the use cases are thrown. */
export async function runCharterCommand(env: Pick<CommandEnvironment, 'ctx' | 't'>, command: CharterCommand): Promise<Reply> {
  const { ctx, t } = env;
  switch (command.verb) {
    case 'charter':
      return runCharter(env, command);
    case 'my-relationships': {
      const memberId = requireActor(ctx);
      const limit = 20;
      const page = await listOwnRelationships(ctx, { offset: (command.page - 1) * limit, limit });
      return presentOwnRelationships(page, (await readCharterStanding(ctx, memberId)).sharing, t);
    }
    case 'visibility':
      return presentVisibilityChange(await setOwnVisibility(ctx, { person: command.person, visibility: command.visibility, ...(command.account && { account: command.account }) }), t);
    case 'introduction':
      if (command.action === 'request') return presentIntroductionRequested(await requestIntroduction(ctx, command.person, command.account ? { account: command.account } : {}), t);
      return presentIntroductionAnswer(await answerIntroduction(ctx, command.requestId, command.action), t);
    case 'introductions':
      return presentIntroductions(await listIntroductions(ctx), t, ctx.locale);
    case 'audit':
      return presentAudit(await readAuditLog(ctx, command.filter), t, ctx.locale);
  }
}

async function runCharter(env: Pick<CommandEnvironment, 'ctx' | 't'>, command: Extract<CharterCommand, { verb: 'charter' }>): Promise<Reply> {
  const { ctx, t } = env;
  switch (command.action) {
    case 'show': {
      const settings = await readCharterSettings(ctx);
      const standing = ctx.actor ? await readCharterStanding(ctx, ctx.actor.memberId) : null;
      return presentCharter({ settings, version: currentCharterVersion(settings), standing }, t, ctx.locale);
    }
    case 'accept':
      return presentAccepted(await acceptCharter(ctx), t);
    case 'opt-out':
      return presentSharingChange(await optOutOfSharing(ctx), t);
    case 'opt-in':
      return presentSharingChange(await optBackIn(ctx), t);
    case 'settings': {
      const settings = await readCharterSettings(ctx);
      return presentCharterSettings(settings, currentCharterVersion(settings), t);
    }
    case 'set':
      return presentCharterUpdate(await updateCharterSettings(ctx, command.patch), t);
  }
}

/** The charter commands as help lists them. */
export function charterHelpItems(t: Translate): ReplyItem[] {
  return [
    { title: 'charter [accept | opt-out | opt-in | settings]', subtitle: t('charter.help.charter') },
    { title: 'my relationships', subtitle: t('charter.help.mine') },
    { title: 'visibility PERSON private|deal_team|tenant', subtitle: t('charter.help.visibility') },
    { title: 'introduction request PERSON | introductions', subtitle: t('charter.help.introduction') },
    { title: 'audit [actor …] [action …] [target …] [since …]', subtitle: t('charter.help.audit') },
  ];
}
