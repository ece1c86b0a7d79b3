// Resolves the people and accounts a command names to store records, remembering which
// argument failed so a "did you mean" button can retry the command with the suggestion.
import { and, eq, sql } from 'drizzle-orm';

import { contacts } from '../../store/schema.js';
import { matchAccountForWrite, resolveAccount, resolveContact, type Resolved } from '../lookup.js';
import { upsertContact } from '../contacts.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { CommandEnvironment } from './environment.js';
import type { Choice, PersonRef } from './types.js';

/** An argument of a command that a lookup can fail on. */
export type Slot = 'account' | 'person' | 'from' | 'to' | 'contact' | 'manager';

/** A lookup error, with the argument it came from. */
export class SlotError extends Error {
  constructor(
    readonly slot: Slot,
    readonly error: unknown,
  ) {
    super(`lookup of ${slot} failed`, { cause: error });
    this.name = 'SlotError';
  }
}

/** Runs a lookup and tags its error with the argument it resolves. */
export async function inSlot<T>(slot: Slot, lookup: () => Promise<T>): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof SlotError) throw error;
    throw new SlotError(slot, error);
  }
}

/** Resolves an account name the user typed. */
export function resolveAccountSlot(env: CommandEnvironment, name: string): Promise<Resolved> {
  return inSlot('account', () => resolveAccount(env.ctx, name));
}

/**
 * Resolves a customer contact: a typed name within the account when one is given, or a mention
 * of a platform user, matched on e-mail, then on name. With `createAt`, a mentioned user who is
 * not a contact yet is added to that account: a mention names one real person, so no typo can
 * create a stray record.
 */
export async function resolveContactRef(
  env: CommandEnvironment,
  slot: Slot,
  ref: PersonRef,
  options: { accountId?: string; createAt?: Resolved } = {},
): Promise<Resolved> {
  return inSlot(slot, async () => {
    if (ref.kind === 'name') return resolveContact(env.ctx, ref.text, options.accountId ? { accountId: options.accountId } : {});

    const profile = await env.profileOfUser(ref.userId);
    if (!profile) throw new AppError('not_found', 'commands.errors.unknownUser', { user: ref.label ?? ref.userId });
    const byEmail = profile.email ? await findContactByEmail(env, profile.email) : undefined;
    if (byEmail) return byEmail;
    try {
      return await resolveContact(env.ctx, profile.name, options.accountId ? { accountId: options.accountId } : {});
    } catch (error) {
      if (!options.createAt || !(error instanceof AppError) || error.code !== 'not_found') throw error;
      const created = await upsertContact(env.ctx, { accountId: options.createAt.id, name: profile.name, email: profile.email ?? null, source: 'mention' });
      return { id: created.contact.id, label: created.contact.name ?? profile.name };
    }
  });
}

async function findContactByEmail(env: CommandEnvironment, email: string): Promise<Resolved | undefined> {
  const [found] = await env.ctx.db
    .select({ id: contacts.id, label: sql<string>`coalesce(${contacts.name}, ${contacts.title}, '?')` })
    .from(contacts)
    .where(and(eq(contacts.tenantId, env.ctx.tenantId), sql`lower(${contacts.email}) = ${email.toLowerCase()}`))
    .limit(1);
  return found;
}

/** Returns the id of the account a contact belongs to. */
export async function accountOfContact(env: CommandEnvironment, contactId: string): Promise<string> {
  const [found] = await env.ctx.db
    .select({ accountId: contacts.accountId })
    .from(contacts)
    .where(and(eq(contacts.tenantId, env.ctx.tenantId), eq(contacts.id, contactId)))
    .limit(1);
  if (!found) throw new AppError('not_found', 'structure.contactMissing');
  return found.accountId;
}

/** Returns a draft account for a typed name: the existing account when it is certain, else a new name. */
export async function accountChoiceFor(ctx: Pick<AppContext, 'db' | 'tenantId'>, name: string | undefined): Promise<Choice | undefined> {
  if (!name) return undefined;
  const match = await matchAccountForWrite(ctx.db, ctx.tenantId, name);
  return match ? { id: match.id, label: match.label } : { newName: name };
}

export function accountChoice(env: CommandEnvironment, name: string | undefined): Promise<Choice | undefined> {
  return accountChoiceFor(env.ctx, name);
}

/** Returns a draft contact: the contact when the name resolves to one, else a new name. */
export async function contactChoice(env: CommandEnvironment, ref: PersonRef | undefined, accountId?: string): Promise<Choice | undefined> {
  if (!ref) return undefined;
  try {
    return await resolveContactRef(env, 'person', ref, accountId ? { accountId } : {});
  } catch {
    if (ref.kind === 'name') return { newName: ref.text };
    return ref.label ? { newName: ref.label } : undefined;
  }
}

/**
 * Splits unquoted words into two contact names ("Théo Nguyen Olivia Rousseau") by trying each
 * split point: the one split where both names resolve wins. Throws the usage error otherwise.
 */
export async function splitTwoContacts(env: CommandEnvironment, words: string[], accountId?: string): Promise<[Resolved, Resolved]> {
  const found: Array<[Resolved, Resolved]> = [];
  for (let cut = 1; cut < words.length; cut++) {
    const left = words.slice(0, cut).join(' ');
    const right = words.slice(cut).join(' ');
    const options = accountId ? { accountId } : {};
    const pair = await Promise.all([resolveContact(env.ctx, left, options), resolveContact(env.ctx, right, options)]).catch(() => null);
    if (pair) found.push(pair);
  }
  if (found.length === 1) return found[0]!;
  throw new AppError('invalid_input', 'commands.errors.splitPeople');
}
