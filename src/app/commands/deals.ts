// The deal, coverage and map commands of the shared grammar. src/app/deals/parse.ts reads their
// words and src/app/deals/commands.ts runs them; this file fits both into the command layer:
//   deal create|show|list|stage|update|team|committee|assign|log …
//   coverage DEAL|ACCOUNT [--top N]          map DEAL|ACCOUNT [--limit N]
// A name of several words needs quotes only where the command takes two names or more.
import { executeDealCommand } from '../deals/commands.js';
import type { MemberRef } from '../deals/lookup.js';
import { parseDealCommand, type DealCommand, type DealParseFailure, type DealToken } from '../deals/parse.js';
import { errorReply } from '../error-reply.js';
import { AppError } from '../errors.js';
import type { CommandEnvironment } from './environment.js';
import { tokenize, type Token } from './tokenize.js';
import type { CommandResult, ParseResult } from './types.js';

export type DealVerb = 'deal' | 'coverage' | 'map';

export interface DealLineCommand {
  verb: DealVerb;
  action: DealCommand;
  /** The line as typed, which "show more" and "share" run again. */
  line: string;
  /**
   * Set by "deal committee add DEAL" without a person. A surface with a committee form opens it
   * on the deal; the others show the deal with its committee.
   */
  committeeForm?: boolean;
}

const DEAL_VERBS: Record<string, DealVerb> = { deal: 'deal', deals: 'deal', coverage: 'coverage', map: 'map' };
// Words that name the action after "deal": two for "team add" and "committee remove".
const TWO_WORD_ACTIONS = new Set(['team', 'committee']);
// Read replies may be shared in the conversation; writes and pictures may not.
const SHAREABLE = new Set<DealCommand['action']>(['show', 'list', 'coverage']);
const OPTION = /^(?:--|—|–)[a-z]/i;

/** Returns the verb of a deal line, or undefined for another command. */
export function dealVerbOf(line: string): DealVerb | undefined {
  const first = tokenize(line.trim())[0];
  return first?.kind === 'word' && !first.quoted ? DEAL_VERBS[first.text.toLowerCase()] : undefined;
}

/** Parses a deal, coverage or map line; returns null when the line is another command. */
export function parseDealLine(line: string): ParseResult | null {
  const trimmed = line.trim();
  const tokens = tokenize(trimmed);
  const verb = dealVerbOf(trimmed);
  if (!verb) return null;
  const words = tokens.slice(1).map(toDealToken);
  if (verb === 'deal' && words.length === 0) return { ok: true, command: { verb: 'help', topic: 'deal' } };

  const parsed = parseDealCommand(verb, words);
  if (parsed.ok) return { ok: true, command: { verb, action: parsed.command, line: trimmed } };
  if (parsed.failure.messageKey !== 'deals.errors.usage') return { ok: false, failure: failureOf(verb, parsed.failure) };

  // "coverage Acme Energy" and "deal show Grid Modernisation": one name, typed without quotes.
  const lead = verb !== 'deal' ? 0 : TWO_WORD_ACTIONS.has(wordText(words[0]) ?? '') ? 2 : 1;
  const joined = parseDealCommand(verb, joinPositionalWords(words, lead));
  if (joined.ok) return { ok: true, command: { verb, action: joined.command, line: trimmed } };

  const committeeForm = committeeFormOf(words);
  if (committeeForm) return { ok: true, command: { verb, action: committeeForm, line: trimmed, committeeForm: true } };
  return { ok: false, failure: failureOf(verb, parsed.failure) };
}

function toDealToken(token: Token): DealToken {
  return token.kind === 'mention' ? { kind: 'mention', userId: token.userId, ...(token.label && { label: token.label }) } : { kind: 'word', text: token.text };
}

function wordText(token: DealToken | undefined): string | undefined {
  return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
}

/** Joins the words between the action words and the first option into one name. */
function joinPositionalWords(words: DealToken[], lead: number): DealToken[] {
  const firstOption = words.findIndex((token, index) => index >= lead && token.kind === 'word' && OPTION.test(token.text));
  const end = firstOption < 0 ? words.length : firstOption;
  const name = words.slice(lead, end);
  if (name.length < 2 || name.some((token) => token.kind !== 'word')) return words;
  const text = name.map((token) => (token as { text: string }).text).join(' ');
  return [...words.slice(0, lead), { kind: 'word', text }, ...words.slice(end)];
}

/** Reads "committee add DEAL [--account A]" (no person) as the deal to open the committee form on. */
function committeeFormOf(words: DealToken[]): DealCommand | null {
  if (wordText(words[0]) !== 'committee' || wordText(words[1]) !== 'add') return null;
  const show = parseDealCommand('deal', joinPositionalWords([{ kind: 'word', text: 'show' }, ...words.slice(2)], 1));
  return show.ok ? show.command : null;
}

function failureOf(verb: DealVerb, failure: DealParseFailure): Extract<ParseResult, { ok: false }>['failure'] {
  // The usage sentence already quotes the usage line.
  const usage = failure.usage && failure.messageKey !== 'deals.errors.usage' ? failure.usage : undefined;
  return { messageKey: failure.messageKey, verb, ...(failure.params && { params: failure.params }), ...(usage && { usage }) };
}

/** Runs a deal, coverage or map command; use-case errors come back as replies. */
export async function executeDealLine(env: CommandEnvironment, command: DealLineCommand): Promise<CommandResult> {
  let action: DealCommand;
  try {
    action = await withMentionsRegistered(env, command.action);
  } catch (error) {
    if (error instanceof AppError) return { kind: 'reply', reply: errorReply(error, env.t), shareable: false };
    throw error;
  }
  const result = await executeDealCommand(env.ctx, action);
  const shareable = SHAREABLE.has(action.action) && !result.reply.error;
  return { kind: 'reply', reply: result.reply, shareable, ...(result.file && { file: result.file }) };
}

/**
 * Registers a mentioned colleague as a member on first use, as the other commands do. The
 * mention is then named by e-mail, because a Teams mention id is not the id stored on the member.
 */
async function withMentionsRegistered(env: CommandEnvironment, action: DealCommand): Promise<DealCommand> {
  if (!('member' in action) || typeof action.member === 'string' || action.member.kind !== 'mention') return action;
  const member = await env.memberForUser(action.member.userId);
  if (!member.email) return action;
  const ref: MemberRef = { kind: 'name', text: member.email };
  return { ...action, member: ref };
}
