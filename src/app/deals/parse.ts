// The deal, coverage and map command grammar, shared by Slack, Teams and the CLI:
//   deal create ACCOUNT NAME [--stage S] [--buying-stage B] [--close YYYY-MM-DD] [--amount N --currency EUR]
//   deal show DEAL [--account A]            deal list [--account A] [--status open|won|lost]
//   deal stage DEAL STAGE [--account A]     deal update DEAL [--name N] [--stage S] … [--status S]
//   deal team add|remove DEAL MEMBER [--role R]
//   deal committee add|remove DEAL PERSON [--role R] [--attitude A] [--influence high|medium|low]
//                                         [--motivation TEXT] [--tags cost,risk]
//   deal assign DEAL PERSON MEMBER          deal log DEAL PERSON --outcome reached|no_response|declined
//   coverage DEAL|ACCOUNT [--top N]         map DEAL|ACCOUNT [--limit N]
// Names of several words are quoted. Slack may turn "--" into a dash; "—stage" reads as "--stage".
import type { MemberRef } from './lookup.js';

export type DealToken = { kind: 'word'; text: string } | { kind: 'mention'; userId: string; label?: string };

interface Scoped {
  account?: string;
}

export type DealCommand =
  | ({ action: 'create'; name: string; stage?: string; buyingStage?: string; close?: string; amount?: string; currency?: string } & { account: string })
  | ({ action: 'show'; deal: string } & Scoped)
  | ({ action: 'list'; status?: string } & Scoped)
  | ({ action: 'stage'; deal: string; stage: string } & Scoped)
  | ({ action: 'update'; deal: string; name?: string; stage?: string; buyingStage?: string; close?: string; amount?: string; currency?: string; status?: string } & Scoped)
  | ({ action: 'team-add' | 'team-remove'; deal: string; member: MemberRef; role?: string } & Scoped)
  | ({ action: 'committee-add'; deal: string; person: string; role?: string; attitude?: string; influence?: string; motivation?: string; tags?: string[] } & Scoped)
  | ({ action: 'committee-remove'; deal: string; person: string } & Scoped)
  | ({ action: 'assign'; deal: string; person: string; member: MemberRef } & Scoped)
  | ({ action: 'log'; deal: string; person: string; outcome: string; note?: string; strength?: string } & Scoped)
  | ({ action: 'coverage'; target: string; top?: string } & Scoped)
  | ({ action: 'map'; target: string; limit?: string } & Scoped);

export type DealAction = DealCommand['action'];

export interface DealParseFailure {
  messageKey: string;
  params?: Record<string, unknown>;
  /** Usage line of the command the user meant, when known. */
  usage?: string;
}

export type DealParseResult = { ok: true; command: DealCommand } | { ok: false; failure: DealParseFailure };

interface Grammar {
  positional: string[];
  options: string[];
  usage: string;
}

const SCOPE = ['account'];
const DEAL_FIELDS = ['stage', 'buying-stage', 'close', 'amount', 'currency'];
export const GRAMMAR: Record<DealAction, Grammar> = {
  create: { positional: ['account', 'name'], options: DEAL_FIELDS, usage: 'deal create ACCOUNT NAME [--stage S] [--buying-stage B] [--close YYYY-MM-DD] [--amount N --currency EUR]' },
  show: { positional: ['deal'], options: SCOPE, usage: 'deal show DEAL [--account A]' },
  list: { positional: [], options: [...SCOPE, 'status'], usage: 'deal list [--account A] [--status open|won|lost]' },
  stage: { positional: ['deal', 'stage'], options: SCOPE, usage: 'deal stage DEAL STAGE [--account A]' },
  update: { positional: ['deal'], options: [...SCOPE, 'name', 'status', ...DEAL_FIELDS], usage: 'deal update DEAL [--name N] [--stage S] [--buying-stage B] [--close YYYY-MM-DD] [--amount N --currency EUR] [--status open|won|lost]' },
  'team-add': { positional: ['deal', 'member'], options: [...SCOPE, 'role'], usage: 'deal team add DEAL MEMBER [--role R]' },
  'team-remove': { positional: ['deal', 'member'], options: SCOPE, usage: 'deal team remove DEAL MEMBER' },
  'committee-add': { positional: ['deal', 'person'], options: [...SCOPE, 'role', 'attitude', 'influence', 'motivation', 'tags'], usage: 'deal committee add DEAL PERSON --role R [--attitude A] [--influence high|medium|low] [--motivation TEXT] [--tags cost,risk]' },
  'committee-remove': { positional: ['deal', 'person'], options: SCOPE, usage: 'deal committee remove DEAL PERSON' },
  assign: { positional: ['deal', 'person', 'member'], options: SCOPE, usage: 'deal assign DEAL PERSON MEMBER' },
  log: { positional: ['deal', 'person'], options: [...SCOPE, 'outcome', 'note', 'strength'], usage: 'deal log DEAL PERSON --outcome reached|no_response|declined [--note TEXT] [--strength 1-5]' },
  coverage: { positional: ['target'], options: [...SCOPE, 'top'], usage: 'coverage DEAL|ACCOUNT [--top N]' },
  map: { positional: ['target'], options: [...SCOPE, 'limit'], usage: 'map DEAL|ACCOUNT [--limit N]' },
};

const SUBCOMMANDS: Record<string, DealAction | Record<string, DealAction>> = {
  create: 'create',
  show: 'show',
  list: 'list',
  stage: 'stage',
  update: 'update',
  assign: 'assign',
  log: 'log',
  team: { add: 'team-add', remove: 'team-remove' },
  committee: { add: 'committee-add', remove: 'committee-remove' },
};

class DealParseError extends Error {
  constructor(readonly failure: DealParseFailure) {
    super(failure.messageKey);
  }
}

/** Parses the words after `deal`, `coverage` or `map`. */
export function parseDealCommand(verb: 'deal' | 'coverage' | 'map', tokens: DealToken[]): DealParseResult {
  try {
    if (verb !== 'deal') return { ok: true, command: build(verb, tokens) };
    const [first, second, ...rest] = tokens;
    const entry = first?.kind === 'word' ? SUBCOMMANDS[first.text.toLowerCase()] : undefined;
    if (entry === undefined) throw new DealParseError({ messageKey: 'deals.errors.unknownSubcommand', params: { value: wordOf(first) ?? '', options: Object.keys(SUBCOMMANDS).join(', ') } });
    if (typeof entry === 'string') return { ok: true, command: build(entry, tokens.slice(1)) };
    const action = second?.kind === 'word' ? entry[second.text.toLowerCase()] : undefined;
    if (!action) throw new DealParseError({ messageKey: 'deals.errors.unknownSubcommand', params: { value: wordOf(second) ?? '', options: Object.keys(entry).join(', ') }, usage: Object.values(entry).map((name) => GRAMMAR[name].usage).join('\n') });
    return { ok: true, command: build(action, rest) };
  } catch (error) {
    if (error instanceof DealParseError) return { ok: false, failure: error.failure };
    throw error;
  }
}

function wordOf(token: DealToken | undefined): string | undefined {
  return token === undefined ? undefined : token.kind === 'word' ? token.text : (token.label ?? token.userId);
}

const OPTION_PREFIX = /^(?:--|—|–)([a-z][a-z-]*)(?:=(.*))?$/i;

function build(action: DealAction, tokens: DealToken[]): DealCommand {
  const grammar = GRAMMAR[action];
  const positional: DealToken[] = [];
  const options: Record<string, string> = {};
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const option = token.kind === 'word' ? OPTION_PREFIX.exec(token.text) : null;
    if (!option) {
      positional.push(token);
      continue;
    }
    const name = option[1]!.toLowerCase();
    if (!grammar.options.includes(name)) throw new DealParseError({ messageKey: 'deals.errors.unknownOption', params: { value: `--${name}`, options: grammar.options.map((known) => `--${known}`).join(', ') }, usage: grammar.usage });
    const value = option[2] ?? wordOf(tokens[++index]);
    if (value === undefined || value === '') throw new DealParseError({ messageKey: 'deals.errors.optionValue', params: { option: `--${name}` }, usage: grammar.usage });
    options[camelCase(name)] = value;
  }
  if (positional.length !== grammar.positional.length) throw new DealParseError({ messageKey: 'deals.errors.usage', params: { usage: grammar.usage }, usage: grammar.usage });

  const fields: Record<string, unknown> = { action, ...options };
  grammar.positional.forEach((slot, index) => {
    const token = positional[index]!;
    fields[slot] = slot === 'member' ? memberRefOf(token) : wordOf(token);
  });
  if (typeof fields.tags === 'string') fields.tags = splitTags(fields.tags);
  return fields as DealCommand;
}

function memberRefOf(token: DealToken): MemberRef {
  return token.kind === 'mention' ? { kind: 'mention', userId: token.userId, ...(token.label && { label: token.label }) } : token.text;
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Splits "cost, risk;career" into tags. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

/**
 * Reads an amount as typed: "250000", "250 000", "250,000.50", "250000,50" (comma as decimal
 * separator when it is the only separator and two digits or fewer follow). Null when not a number.
 */
export function parseAmount(text: string): number | null {
  let value = text.replace(/[\s\u00a0\u202f_']/g, '');
  if (value.includes(',') && value.includes('.')) value = value.replace(/,/g, '');
  else if (/,\d{1,2}$/.test(value)) value = value.replace(',', '.');
  else value = value.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}
