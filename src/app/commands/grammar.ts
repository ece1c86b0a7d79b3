// The command grammar shared by Slack's /o2o, Teams and the CLI. Its commands:
//   who ACCOUNT [page N]
//   who-knows PERSON [at ACCOUNT]
//   reach PERSON [at ACCOUNT]
//   contacts ACCOUNT [page N]
//   contact add NAME [at ACCOUNT] [title T] [email E] [phone P]
//   know PERSON [at ACCOUNT] [strength 1-5]
//   influence A on B [at ACCOUNT] [weight 0-1]
//   reports-to A B [at ACCOUNT]
//   log [NOTE]
//   help [COMMAND]
// The digest and ask commands (jobs.ts), the deal, coverage and map commands (deals.ts) and the
// settings command (settings.ts) have grammars of their own, tried first.
// Names of several words need no quotes unless they contain a keyword of the command.
import { editDistance } from '../../domain/names.js';
import { parseCharterCommand } from './charter.js';
import { parseDealLine } from './deals.js';
import { parseJobsCommand } from './jobs.js';
import { parseSettingsCommand } from './settings.js';
import { decodeEntities, tokenize, type Token } from './tokenize.js';
import type { Command, HelpTopic, ParseFailure, ParseResult, PersonRef, Verb } from './types.js';

const VERB_NAMES: Record<string, Verb> = {
  help: 'help',
  '?': 'help',
  who: 'who',
  'who-knows': 'who-knows',
  whoknows: 'who-knows',
  who_knows: 'who-knows',
  reach: 'reach',
  contacts: 'contacts',
  contact: 'contact-add',
  'contact-add': 'contact-add',
  know: 'know',
  knows: 'know',
  influence: 'influence',
  influences: 'influence',
  'reports-to': 'reports-to',
  reportsto: 'reports-to',
  reports_to: 'reports-to',
  log: 'log',
};

// Verbs parsed by their own grammars before this one: named here for help topics and typos.
const OTHER_TOPICS: Record<string, HelpTopic> = { deal: 'deal', deals: 'deal', coverage: 'coverage', map: 'map', digest: 'digest', ask: 'ask', settings: 'settings' };

/** The verbs as users type them, in the order help lists them. */
export const VERBS: readonly HelpTopic[] = ['who', 'who-knows', 'reach', 'contacts', 'contact-add', 'know', 'influence', 'reports-to', 'log', 'deal', 'coverage', 'map', 'digest', 'ask', 'settings', 'help'];

/** Returns the verb as users type it: "contact-add" is typed as two words. */
export function verbText(verb: HelpTopic): string {
  return verb === 'contact-add' ? 'contact add' : verb;
}

const KEYWORDS: Partial<Record<Verb, readonly string[]>> = {
  who: ['at', 'page'],
  'who-knows': ['at'],
  reach: ['at'],
  contacts: ['at', 'page'],
  'contact-add': ['at', 'title', 'email', 'phone'],
  know: ['at', 'strength'],
  influence: ['on', 'at', 'weight'],
  'reports-to': ['at'],
};

type Clauses = { head: Token[]; clauses: Map<string, Token[]> };

class ParseError extends Error {
  constructor(readonly failure: ParseFailure) {
    super(failure.messageKey);
  }
}

function fail(messageKey: string, verb?: Verb, params?: Record<string, unknown>): never {
  throw new ParseError({ messageKey, ...(verb && { verb }), ...(params && { params }) });
}

/** Parses one command line. An empty line is a request for help. */
export function parseCommand(line: string): ParseResult {
  const jobs = parseJobsCommand(line);
  if (jobs) return jobs;
  const deal = parseDealLine(line);
  if (deal) return deal;
  const charter = parseCharterCommand(line);
  if (charter) return charter;
  const settings = parseSettingsCommand(line);
  if (settings) return settings;
  const tokens = tokenize(line.trim());
  const first = tokens[0];
  if (!first) return { ok: true, command: { verb: 'help' } };
  if (first.kind !== 'word' || first.quoted) return unknownVerb(line, first.kind === 'word' ? first.text : line.trim());

  const verb = VERB_NAMES[first.text.toLowerCase()];
  if (!verb) return unknownVerb(line, first.text);
  let rest = tokens.slice(1);
  try {
    // "contact" alone is not a command: it is the first word of "contact add".
    if (first.text.toLowerCase() === 'contact') {
      const second = rest[0];
      if (second?.kind !== 'word' || second.quoted || second.text.toLowerCase() !== 'add') fail('commands.errors.contactAdd', 'contact-add');
      rest = rest.slice(1);
    }
    return { ok: true, command: parseArguments(verb, rest, restAfterVerb(line, first.text)) };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, failure: error.failure };
    throw error;
  }
}

function parseArguments(verb: Verb, rest: Token[], rawRest: string): Command {
  switch (verb) {
    case 'help':
      return parseHelp(rest);
    case 'who':
    case 'contacts':
      return parseAccountQuery(verb, rest);
    case 'who-knows':
    case 'reach':
      return parsePersonQuery(verb, rest);
    case 'contact-add':
      return parseContactAdd(rest);
    case 'know':
      return parseKnow(rest);
    case 'influence':
      return parseInfluence(rest);
    case 'reports-to':
      return parseReportsTo(rest);
    case 'log':
      return parseLog(rest, rawRest);
  }
}

function parseHelp(rest: Token[]): Command {
  const word = rest[0]?.kind === 'word' ? rest[0].text.toLowerCase() : '';
  const topic = VERB_NAMES[word] ?? OTHER_TOPICS[word];
  return topic ? { verb: 'help', topic } : { verb: 'help' };
}

function parseAccountQuery(verb: 'who' | 'contacts', rest: Token[]): Command {
  const { head, clauses } = splitClauses(verb, rest);
  // "who at Acme" reads as naturally as "who Acme".
  const accountTokens = head.length > 0 ? head : clauses.get('at') ?? [];
  if (head.length > 0 && clauses.has('at')) fail('commands.errors.unexpected', verb, { word: 'at' });
  const account = textOf(accountTokens, verb);
  if (!account) fail('commands.errors.missingAccount', verb);
  return { verb, account, page: parsePage(clauses.get('page'), verb) };
}

function parsePersonQuery(verb: 'who-knows' | 'reach', rest: Token[]): Command {
  const { head, clauses } = splitClauses(verb, rest);
  const person = personOf(head, verb);
  if (!person) fail('commands.errors.missingPerson', verb);
  const account = optionalText(clauses.get('at'), verb);
  return { verb, person, ...(account && { account }) };
}

function parseContactAdd(rest: Token[]): Command {
  const { head, clauses } = splitClauses('contact-add', rest);

  // An e-mail address anywhere in the name part is the contact's e-mail.
  const emailToken = head.find((token) => token.kind === 'word' && EMAIL.test(token.text));
  const nameTokens = head.filter((token) => token !== emailToken);
  const [namePart, titlePart] = splitAtComma(nameTokens);
  const name = textOf(namePart, 'contact-add');
  const title = optionalText(clauses.get('title'), 'contact-add') ?? (titlePart.length > 0 ? textOf(titlePart, 'contact-add') : undefined);
  const email = optionalText(clauses.get('email'), 'contact-add') ?? (emailToken?.kind === 'word' ? emailToken.text : undefined);
  const phone = optionalText(clauses.get('phone'), 'contact-add');
  const account = optionalText(clauses.get('at'), 'contact-add');
  return { verb: 'contact-add', ...(name && { name }), ...(account && { account }), ...(title && { title }), ...(email && { email }), ...(phone && { phone }) };
}

function parseKnow(rest: Token[]): Command {
  const { head, clauses } = splitClauses('know', rest);
  const person = personOf(head, 'know');
  const account = optionalText(clauses.get('at'), 'know');
  const strengthText = optionalText(clauses.get('strength'), 'know');
  let strength: number | undefined;
  if (clauses.has('strength')) {
    strength = Number(strengthText?.replace(/\/5$/, ''));
    if (!Number.isInteger(strength) || strength < 1 || strength > 5) fail('commands.errors.invalidStrength', 'know', { value: strengthText ?? '' });
  }
  return { verb: 'know', ...(person && { person }), ...(account && { account }), ...(strength !== undefined && { strength }) };
}

function parseInfluence(rest: Token[]): Command {
  const { head, clauses } = splitClauses('influence', rest);
  const from = personOf(head, 'influence');
  const to = personOf(clauses.get('on') ?? [], 'influence');
  const account = optionalText(clauses.get('at'), 'influence');
  let weight: number | undefined;
  if (clauses.has('weight')) weight = parseWeight(optionalText(clauses.get('weight'), 'influence') ?? '');
  return { verb: 'influence', ...(from && { from }), ...(to && { to }), ...(account && { account }), ...(weight !== undefined && { weight }) };
}

/** Parses a weight from 0 to 1, written "0.8", "0,8" or "80%". */
function parseWeight(text: string): number {
  const percent = /^(\d{1,3})\s*%$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : Number(text.replace(',', '.'));
  if (!text || !Number.isFinite(value) || value < 0 || value > 1) fail('commands.errors.invalidWeight', 'influence', { value: text });
  return value;
}

function parseReportsTo(rest: Token[]): Command {
  const { head, clauses } = splitClauses('reports-to', rest);
  const account = optionalText(clauses.get('at'), 'reports-to');
  const withAccount = account ? { account } : {};

  const [left, right] = splitAtComma(head);
  if (right.length > 0) {
    const pair = [personOf(left, 'reports-to'), personOf(right, 'reports-to')];
    if (!pair[0] || !pair[1]) fail('commands.errors.missingPeople', 'reports-to');
    return { verb: 'reports-to', people: [pair[0], pair[1]], ...withAccount };
  }
  if (head.length === 2) {
    return { verb: 'reports-to', people: [personOf([head[0]!], 'reports-to')!, personOf([head[1]!], 'reports-to')!], ...withAccount };
  }
  // Several unquoted words: the executor tries each split against the store.
  if (head.length > 2 && head.every((token) => token.kind === 'word' && !token.quoted)) {
    return { verb: 'reports-to', words: head.map((token) => (token as { text: string }).text), ...withAccount };
  }
  return fail('commands.errors.missingPeople', 'reports-to');
}

function parseLog(rest: Token[], rawRest: string): Command {
  const mentions = rest.flatMap((token) => (token.kind === 'mention' ? [token.userId] : []));
  const note = decodeEntities(rawRest.replace(/<@([UW][A-Z0-9]+)(?:\|([^>]+))?>/g, (_match, id: string, label?: string) => `@${label ?? id}`)).trim();
  return { verb: 'log', mentions: [...new Set(mentions)], ...(note && { note }) };
}

/** Splits tokens at the command's keywords: "Théo at Acme strength 4" → head Théo, at Acme, strength 4. */
function splitClauses(verb: Verb, tokens: Token[]): Clauses {
  const keywords = KEYWORDS[verb] ?? [];
  const head: Token[] = [];
  const clauses = new Map<string, Token[]>();
  let current = head;
  for (const token of tokens) {
    const keyword = token.kind === 'word' && !token.quoted ? token.text.toLowerCase() : undefined;
    if (keyword && keywords.includes(keyword)) {
      if (clauses.has(keyword)) fail('commands.errors.repeated', verb, { word: keyword });
      current = [];
      clauses.set(keyword, current);
      continue;
    }
    current.push(token);
  }
  return { head, clauses };
}

/** Splits at the first comma ("Théo Nguyen, Olivia Rousseau"); the right part is empty without one. */
function splitAtComma(tokens: Token[]): [Token[], Token[]] {
  const stripped: Token[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind === 'word' && !token.quoted && token.text === ',') return [stripped, tokens.slice(index + 1)];
    if (token.kind === 'word' && !token.quoted && token.text.endsWith(',')) {
      stripped.push({ ...token, text: token.text.slice(0, -1) });
      return [stripped, tokens.slice(index + 1)];
    }
    if (token.kind === 'word' && !token.quoted && token.text.startsWith(',') && stripped.length > 0) {
      const after = token.text.slice(1);
      return [stripped, [...(after ? [{ ...token, text: after }] : []), ...tokens.slice(index + 1)]];
    }
    stripped.push(token);
  }
  return [stripped, []];
}

/** Reads a person from tokens: one mention, or words joined into a name. */
function personOf(tokens: Token[], verb: Verb): PersonRef | undefined {
  if (tokens.length === 0) return undefined;
  const mentions = tokens.filter((token) => token.kind === 'mention');
  if (mentions.length > 0) {
    if (tokens.length > 1) fail('commands.errors.mentionAlone', verb);
    const mention = mentions[0]!;
    return { kind: 'mention', userId: mention.userId, ...(mention.label && { label: mention.label }) };
  }
  const text = textOf(tokens, verb);
  return text ? { kind: 'name', text } : undefined;
}

function textOf(tokens: Token[], verb: Verb): string {
  if (tokens.some((token) => token.kind === 'mention')) fail('commands.errors.mentionNotAllowed', verb);
  return tokens
    .map((token) => (token as { text: string }).text)
    .join(' ')
    .trim();
}

function optionalText(tokens: Token[] | undefined, verb: Verb): string | undefined {
  if (tokens === undefined) return undefined;
  const text = textOf(tokens, verb);
  if (!text) fail('commands.errors.emptyClause', verb);
  return text;
}

function parsePage(tokens: Token[] | undefined, verb: Verb): number {
  if (tokens === undefined) return 1;
  const text = textOf(tokens, verb);
  const page = Number(text);
  if (!Number.isInteger(page) || page < 1 || page > 10_000) fail('commands.errors.invalidPage', verb, { value: text });
  return page;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Returns the raw text after the verb word, for commands that keep free text as typed. */
function restAfterVerb(line: string, verbWord: string): string {
  const trimmed = line.trim();
  return trimmed.slice(trimmed.indexOf(verbWord) + verbWord.length).trim();
}

function unknownVerb(line: string, word: string): ParseResult {
  const lower = word.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of [...Object.keys(VERB_NAMES), ...Object.keys(OTHER_TOPICS)]) {
    const distance = editDistance(lower, name, 2);
    if (distance <= 2 && name.length > 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  const failure: ParseFailure = { messageKey: 'commands.errors.unknownVerb', params: { word } };
  if (best && lower.length > 1) {
    const trimmed = line.trim();
    failure.correction = `${best.name}${trimmed.slice(trimmed.indexOf(word) + word.length)}`;
  }
  return { ok: false, failure };
}
