// Submissions of the four forms (log a relationship, add a contact, log influence, log an
// interaction), shared by Slack modals and Teams cards. Each checks its fields, then writes in one
// transaction; a wrong field comes back as a translated message keyed by the field's name.
import { and, eq, inArray } from 'drizzle-orm';

import { formatDate, type Translate } from '../../i18n/index.js';
import { accounts, contacts } from '../../store/schema.js';
import { ensureAccount } from '../accounts.js';
import { upsertContact } from '../contacts.js';
import type { AppContext } from '../context.js';
import { describeError } from '../error-reply.js';
import { AppError } from '../errors.js';
import { logInteraction } from '../interactions.js';
import type { Resolved } from '../lookup.js';
import { logRelationship } from '../relationships.js';
import { addInfluenceLink } from '../structure.js';
import type { Choice } from './types.js';

/** A translated message per wrong field, keyed by the field's name. */
export type FieldErrors = Record<string, string>;
export type FormOutcome = { ok: true; message: string } | { ok: false; errors: FieldErrors };

export interface RelationshipForm {
  account?: Choice;
  contact?: Choice;
  strength?: number;
  kind?: string;
  lastContactOn?: string;
  visibility?: string;
  note?: string;
}

export interface ContactForm {
  account?: Choice;
  name?: string;
  title?: string;
  email?: string;
  phone?: string;
}

export interface InfluenceForm {
  account?: Choice;
  from?: Choice;
  to?: Choice;
  weight?: number;
  note?: string;
}

export interface InteractionForm {
  account?: Choice;
  contacts: Choice[];
  memberIds: string[];
  occurredOn?: string;
  channel?: string;
  note?: string;
  messageLink?: string;
}

type FormContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now' | 'locale'>;

// Use-case input fields that a form shows under another name.
const FIELD_OF_INPUT: Record<string, string> = { contactIds: 'contacts', memberIds: 'members', accountId: 'account', fromContactId: 'from', toContactId: 'to', contactId: 'contact' };

function checker(t: Translate) {
  const errors: FieldErrors = {};
  return {
    errors,
    require(field: string, present: unknown) {
      if (present === undefined || present === null || present === '' || (Array.isArray(present) && present.length === 0)) {
        errors[field] ??= t('commands.form.required');
      }
    },
    add(field: string, key: string, params: Record<string, unknown> = {}) {
      errors[field] ??= t(key, params);
    },
  };
}

// Today somewhere on Earth: the day in UTC+14, so no user's "today" counts as the future.
const LATEST_OFFSET_MS = 14 * 3_600_000;

function isFuture(ctx: FormContext, date: string | undefined): boolean {
  return Boolean(date && date > new Date(ctx.now().getTime() + LATEST_OFFSET_MS).toISOString().slice(0, 10));
}

/** Runs the writes of a form in one transaction and turns use-case errors into field errors. */
async function writeForm(ctx: FormContext, t: Translate, fallbackField: string, write: (tx: FormContext) => Promise<string>): Promise<FormOutcome> {
  try {
    const message = await ctx.db.transaction((tx) => write({ ...ctx, db: tx as unknown as AppContext['db'] }));
    return { ok: true, message };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, errors: fieldErrorsOf(error, t, fallbackField) };
  }
}

function fieldErrorsOf(error: AppError, t: Translate, fallbackField: string): FieldErrors {
  if (error.fieldErrors.length === 0) return { [fallbackField]: describeError(error, t) };
  const errors: FieldErrors = {};
  for (const fieldError of error.fieldErrors) {
    const root = fieldError.field.split('.')[0]!;
    const field = FIELD_OF_INPUT[root] ?? root;
    errors[field] ??= capitalise(t(fieldError.messageKey, fieldError.params ?? {}));
  }
  return errors;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Resolves the account of a choice: checked to belong to the tenant, or found or created by name. */
async function accountOf(ctx: FormContext, choice: Choice): Promise<Resolved> {
  if ('newName' in choice) {
    const ensured = await ensureAccount(ctx, { name: choice.newName });
    return { id: ensured.id, label: ensured.label };
  }
  const [found] = await ctx.db
    .select({ id: accounts.id, label: accounts.name })
    .from(accounts)
    .where(and(eq(accounts.tenantId, ctx.tenantId), eq(accounts.id, choice.id)));
  if (!found) throw new AppError('not_found', 'commands.form.gone', {}, { fieldErrors: [{ field: 'account', messageKey: 'commands.form.gone' }] });
  return found;
}

/** Resolves the contacts of choices: existing ones checked to belong to the tenant, new ones added to the account. */
async function contactsOf(ctx: FormContext, choices: Choice[], account: Resolved | undefined, field: string): Promise<Resolved[]> {
  const ids = choices.flatMap((choice) => ('id' in choice ? [choice.id] : []));
  const found = ids.length === 0 ? [] : await ctx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.tenantId, ctx.tenantId), inArray(contacts.id, ids)));
  if (found.length !== new Set(ids).size) throw new AppError('not_found', 'commands.form.gone', {}, { fieldErrors: [{ field, messageKey: 'commands.form.gone' }] });

  const resolved: Resolved[] = [];
  for (const choice of choices) {
    if ('id' in choice) {
      resolved.push({ id: choice.id, label: choice.label });
      continue;
    }
    if (!account) throw new AppError('invalid_input', 'commands.form.newContactNeedsAccount', {}, { fieldErrors: [{ field: 'account', messageKey: 'commands.form.newContactNeedsAccount' }] });
    const created = await upsertContact(ctx, { accountId: account.id, name: choice.newName });
    resolved.push({ id: created.contact.id, label: created.contact.name ?? choice.newName });
  }
  return resolved;
}

function needsAccount(choices: Array<Choice | undefined>): boolean {
  return choices.some((choice) => choice !== undefined && 'newName' in choice);
}

export async function submitRelationshipForm(ctx: FormContext, t: Translate, form: RelationshipForm): Promise<FormOutcome> {
  const check = checker(t);
  if (!ctx.actor) throw new AppError('forbidden', 'commands.errors.needActor');
  check.require('contact', form.contact);
  check.require('strength', form.strength);
  if (needsAccount([form.contact]) && !form.account) check.add('account', 'commands.form.newContactNeedsAccount');
  if (isFuture(ctx, form.lastContactOn)) check.add('lastContactOn', 'commands.form.futureDate');
  if (Object.keys(check.errors).length > 0) return { ok: false, errors: check.errors };

  const actor = ctx.actor;
  return writeForm(ctx, t, 'contact', async (tx) => {
    const account = form.account ? await accountOf(tx, form.account) : undefined;
    const [contact] = await contactsOf(tx, [form.contact!], account, 'contact');
    const { outcome } = await logRelationship(tx, {
      memberId: actor.memberId,
      contactId: contact!.id,
      strength: form.strength!,
      ...(form.kind && { kind: form.kind as never }),
      ...(form.lastContactOn && { lastContactOn: form.lastContactOn }),
      ...(form.visibility && { visibility: form.visibility as never }),
      ...(form.note !== undefined && { note: form.note }),
    });
    return t(`commands.done.relationship.${outcome}`, { contact: contact!.label, strength: form.strength, strengthLabel: t(`strength.${form.strength}`) });
  });
}

export async function submitContactForm(ctx: FormContext, t: Translate, form: ContactForm): Promise<FormOutcome> {
  const check = checker(t);
  check.require('account', form.account);
  if (!form.name && !form.title) check.add('name', 'commands.form.nameOrTitle');
  if (Object.keys(check.errors).length > 0) return { ok: false, errors: check.errors };

  return writeForm(ctx, t, 'name', async (tx) => {
    const account = await accountOf(tx, form.account!);
    const result = await upsertContact(tx, {
      accountId: account.id,
      name: form.name ?? null,
      title: form.title ?? null,
      ...(form.email !== undefined && { email: form.email }),
      ...(form.phone !== undefined && { phone: form.phone }),
    });
    return t(`commands.done.contact.${result.outcome}`, { name: result.contact.name ?? result.contact.title, account: account.label });
  });
}

export async function submitInfluenceForm(ctx: FormContext, t: Translate, form: InfluenceForm): Promise<FormOutcome> {
  const check = checker(t);
  check.require('from', form.from);
  check.require('to', form.to);
  if (needsAccount([form.from, form.to]) && !form.account) check.add('account', 'commands.form.newContactNeedsAccount');
  if (form.from && form.to && 'id' in form.from && 'id' in form.to && form.from.id === form.to.id) check.add('to', 'structure.selfInfluence');
  if (Object.keys(check.errors).length > 0) return { ok: false, errors: check.errors };

  return writeForm(ctx, t, 'to', async (tx) => {
    const account = form.account ? await accountOf(tx, form.account) : undefined;
    const [from] = await contactsOf(tx, [form.from!], account, 'from');
    const [to] = await contactsOf(tx, [form.to!], account, 'to');
    const { outcome } = await addInfluenceLink(tx, {
      fromContactId: from!.id,
      toContactId: to!.id,
      ...(form.weight !== undefined && { weight: form.weight }),
      ...(form.note !== undefined && { note: form.note }),
    });
    return t(`commands.done.influence.${outcome}`, { from: from!.label, to: to!.label });
  });
}

export async function submitInteractionForm(ctx: FormContext, t: Translate, form: InteractionForm): Promise<FormOutcome> {
  const check = checker(t);
  check.require('contacts', form.contacts);
  check.require('members', form.memberIds);
  check.require('occurredOn', form.occurredOn);
  if (needsAccount(form.contacts) && !form.account) check.add('account', 'commands.form.newContactNeedsAccount');
  if (isFuture(ctx, form.occurredOn)) check.add('occurredOn', 'commands.form.futureDate');
  if (Object.keys(check.errors).length > 0) return { ok: false, errors: check.errors };

  return writeForm(ctx, t, 'contacts', async (tx) => {
    const account = form.account ? await accountOf(tx, form.account) : undefined;
    const people = await contactsOf(tx, form.contacts, account, 'contacts');
    await logInteraction(tx, {
      occurredOn: form.occurredOn!,
      memberIds: form.memberIds,
      contactIds: people.map((person) => person.id),
      ...(account && { accountId: account.id }),
      ...(form.channel && { channel: form.channel as never }),
      ...(form.note !== undefined && { note: form.note }),
      ...(form.messageLink !== undefined && { messageLink: form.messageLink }),
    });
    const date = formatDate(form.occurredOn!, ctx.locale);
    return t('commands.done.interaction', { count: people.length, contacts: people.map((person) => person.label).join(', '), date });
  });
}
