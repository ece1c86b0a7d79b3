// Submits a form card: the names typed in it become records (or new ones, when nothing is close),
// then the shared form submissions validate and write.
import { and, eq, inArray } from 'drizzle-orm';

import {
  submitContactForm,
  submitInfluenceForm,
  submitInteractionForm,
  submitRelationshipForm,
  type Choice,
  type FieldErrors,
  type FormKind,
  type FormOutcome,
} from '../../app/commands/index.js';
import { describeError } from '../../app/error-reply.js';
import { AppError } from '../../app/errors.js';
import { matchAccountForWrite, resolveContact, resolveMember } from '../../app/lookup.js';
import { normalizeName } from '../../domain/names.js';
import { accounts, contacts } from '../../store/schema.js';
import { registerTeamsUser, type TeamsTurn } from '../turn.js';
import type { FormValues, HiddenFormData } from './values.js';

/** Splits "Marie Dupont, Paul Martin; Léa" into names: blanks dropped, order kept, each once. */
export function splitNames(text: string | undefined): string[] {
  const names = (text ?? '').split(/[,;\n]+/).map((name) => name.trim()).filter(Boolean);
  return [...new Set(names)];
}

function optional(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

function optionalNumber(text: string | undefined): number | undefined {
  const trimmed = text?.trim();
  return trimmed ? Number(trimmed.replace(',', '.')) : undefined;
}

/** Resolves and submits a form. Use-case refusals come back as field errors; a store failure throws. */
export async function submitForm(turn: TeamsTurn, kind: FormKind, values: FormValues, hidden: HiddenFormData): Promise<FormOutcome> {
  const picker = new Picker(turn, hidden);
  const account = await picker.account(values.account);
  const accountId = account && 'id' in account ? account.id : undefined;
  const ctx = turn.app;
  const { t } = turn;

  try {
    switch (kind) {
      case 'relationship': {
        const contact = await picker.contact('contact', values.contact, accountId);
        if (picker.failed) return picker.outcome();
        return await submitRelationshipForm(ctx, t, {
          ...(account && { account }),
          ...(contact && { contact }),
          ...withNumber('strength', optionalNumber(values.strength)),
          ...withText('kind', optional(values.kind)),
          ...withText('lastContactOn', optional(values.lastContactOn)),
          ...withText('visibility', optional(values.visibility)),
          ...withText('note', optional(values.note)),
        });
      }
      case 'contact':
        return await submitContactForm(ctx, t, {
          ...(account && { account }),
          ...withText('name', optional(values.name)),
          ...withText('title', optional(values.title)),
          ...withText('email', optional(values.email)),
          ...withText('phone', optional(values.phone)),
        });
      case 'influence': {
        const from = await picker.contact('from', values.from, accountId);
        const to = await picker.contact('to', values.to, accountId);
        if (picker.failed) return picker.outcome();
        return await submitInfluenceForm(ctx, t, {
          ...(account && { account }),
          ...(from && { from }),
          ...(to && { to }),
          ...withNumber('weight', optionalNumber(values.weight)),
          ...withText('note', optional(values.note)),
        });
      }
      case 'interaction': {
        const contacts = await picker.contacts('contacts', values.contacts, accountId);
        const memberIds = await picker.members(values.members);
        if (picker.failed) return picker.outcome();
        // Without an account typed, the interaction belongs to the account of its contacts, if one.
        const interactionAccount = account ?? (await sharedAccount(turn, contacts));
        return await submitInteractionForm(ctx, t, {
          ...(interactionAccount && { account: interactionAccount }),
          contacts,
          memberIds,
          ...withText('occurredOn', optional(values.occurredOn)),
          ...withText('channel', optional(values.channel)),
          ...withText('note', optional(values.note)),
          ...withText('messageLink', hidden.messageLink),
        });
      }
    }
  } catch (error) {
    // A refusal with no field (such as an unknown sender recording a relationship) shows above the form.
    if (error instanceof AppError) return { ok: false, errors: { form: describeError(error, t) } };
    throw error;
  }
}

/** Finds the one account that every picked contact belongs to, when no contact is new. */
async function sharedAccount(turn: TeamsTurn, choices: Choice[]): Promise<Choice | undefined> {
  const ids = choices.flatMap((choice) => ('id' in choice ? [choice.id] : []));
  if (ids.length === 0 || ids.length !== choices.length) return undefined;
  const rows = await turn.app.db
    .selectDistinct({ id: accounts.id, label: accounts.name })
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(and(eq(contacts.tenantId, turn.tenant.id), inArray(contacts.id, ids)));
  return rows.length === 1 ? rows[0] : undefined;
}

function withText<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function withNumber<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined || Number.isNaN(value) ? {} : ({ [key]: value } as Record<K, number>);
}

/** Turns typed names into choices, collecting a sentence per field that cannot be resolved. */
class Picker {
  readonly errors: FieldErrors = {};

  constructor(
    private readonly turn: TeamsTurn,
    private readonly hidden: HiddenFormData,
  ) {}

  get failed(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  outcome(): FormOutcome {
    return { ok: false, errors: this.errors };
  }

  /** Returns a record picked before, when the field still shows its label. */
  private picked(field: string, name: string): Choice | undefined {
    const normalized = normalizeName(name);
    return this.hidden.choices?.[field]?.find((choice) => normalizeName(choice.label) === normalized);
  }

  async account(text: string | undefined): Promise<Choice | undefined> {
    const name = optional(text);
    if (!name) return undefined;
    const picked = this.picked('account', name);
    if (picked) return picked;
    const match = await matchAccountForWrite(this.turn.app.db, this.turn.tenant.id, name);
    return match ? { id: match.id, label: match.label } : { newName: name };
  }

  /**
   * One contact: the record the name resolves to, a new contact when no contact comes close,
   * or an error listing the close ones (a typo must not create a second person).
   */
  async contact(field: string, text: string | undefined, accountId: string | undefined): Promise<Choice | undefined> {
    const name = optional(text);
    if (!name) return undefined;
    const picked = this.picked(field, name);
    if (picked) return picked;
    try {
      return await resolveContact(this.turn.app, name, accountId ? { accountId } : {});
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found' && error.suggestions.length === 0) return { newName: name };
      this.reject(field, error);
      return undefined;
    }
  }

  async contacts(field: string, text: string | undefined, accountId: string | undefined): Promise<Choice[]> {
    const choices: Choice[] = [];
    for (const name of splitNames(text)) {
      const choice = await this.contact(field, name, accountId);
      if (choice) choices.push(choice);
    }
    return choices;
  }

  /** Resolves the sender and the colleagues named; a colleague the message mentioned is registered on first sight. */
  async members(text: string | undefined): Promise<string[]> {
    const ids = this.turn.member ? [this.turn.member.id] : [];
    const mentioned = new Map((this.hidden.people ?? []).map((person) => [normalizeName(person.name), person]));
    for (const name of splitNames(text)) {
      const person = mentioned.get(normalizeName(name));
      try {
        const id = person
          ? (await registerTeamsUser(this.turn.app, { aadObjectId: person.aadObjectId, name: person.name })).id
          : (await resolveMember(this.turn.app, name)).id;
        if (!ids.includes(id)) ids.push(id);
      } catch (error) {
        this.reject('members', error);
      }
    }
    return ids;
  }

  private reject(field: string, error: unknown): void {
    if (!(error instanceof AppError)) throw error;
    const sentence = describeError(error, this.turn.t);
    this.errors[field] = this.errors[field] ? `${this.errors[field]} ${sentence}` : sentence;
  }
}
