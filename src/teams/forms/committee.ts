// The buying-committee form of a deal in Teams: opened from the deal card's "Edit buying
// committee" button (or "deal committee add DEAL" without a person). Saving and removing call the
// same use cases as the Slack modal, and the reply is the updated deal card.
import type { TurnContext } from 'botbuilder';
import { and, eq } from 'drizzle-orm';

import type { Command } from '../../app/commands/index.js';
import { upsertContact } from '../../app/contacts.js';
import type { AppContext } from '../../app/context.js';
import { resolveDeal } from '../../app/deals/lookup.js';
import { addCommitteeMember, removeCommitteeMember } from '../../app/deals/people.js';
import { loadDealView } from '../../app/deals.js';
import { describeError, errorReply } from '../../app/error-reply.js';
import { AppError } from '../../app/errors.js';
import { resolveContact } from '../../app/lookup.js';
import { presentDeal } from '../../app/present/deals.js';
import type { Reply } from '../../app/reply.js';
import { labelOf, readTenantSettings } from '../../app/settings.js';
import { normalizeName } from '../../domain/names.js';
import { contacts } from '../../store/schema.js';
import { renderReplyCard, type AdaptiveCard } from '../cards/reply-card.js';
import { replaceCard, sendCard } from '../send.js';
import type { TeamsTurn } from '../turn.js';
import type { FormErrors } from './cards.js';
import {
  COMMITTEE_FIELDS,
  COMMITTEE_FORM_ACTION,
  COMMITTEE_REMOVE_ACTION,
  COMMITTEE_SAVE_ACTION,
  committeeFormCard,
  valuesOfMember,
  type CommitteeFormTarget,
  type CommitteeFormValues,
} from './committee-card.js';

export { COMMITTEE_FORM_ACTION, COMMITTEE_REMOVE_ACTION, COMMITTEE_SAVE_ACTION } from './committee-card.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Reads a committee button's value: a deal id, and a contact id when one is named. */
export function parseCommitteeValue(value: string): { dealId: string; contactId?: string } | null {
  const match = new RegExp(`^(${UUID})(?::(${UUID}))?$`, 'i').exec(value);
  if (!match) return null;
  return { dealId: match[1]!.toLowerCase(), ...(match[2] && { contactId: match[2].toLowerCase() }) };
}

/**
 * Handles the committee buttons: open the form, save it, take someone off the committee. Returns
 * the name to log the action under, or false for any other button.
 */
export async function answerCommitteeAction(context: TurnContext, turn: TeamsTurn, data: Record<string, unknown>): Promise<string | false> {
  const actionId = String(data.actionId ?? '');
  if (actionId !== COMMITTEE_FORM_ACTION && actionId !== COMMITTEE_SAVE_ACTION && actionId !== COMMITTEE_REMOVE_ACTION) return false;
  const ids = parseCommitteeValue(String(data.value ?? ''));
  if (!ids) throw new AppError('invalid_input', 'teams.errors.unknownAction');

  if (actionId === COMMITTEE_FORM_ACTION) {
    const target = await loadTarget(turn, ids.dealId, ids.contactId);
    const member = ids.contactId ? target.committee.find((row) => row.contactId === ids.contactId) : undefined;
    const card = committeeFormCard(turn.t, target, member ? valuesOfMember(member) : {});
    // A button of the form redraws the form; the deal card's button keeps the deal card and sends the form.
    if (data.inForm === true) await replaceCard(context, card, turn.logger, turn.t('teams.committeeForm.title'));
    else await sendCard(context, card, turn.t('teams.committeeForm.title'));
    return 'deal-committee-form';
  }

  const answer = actionId === COMMITTEE_SAVE_ACTION ? await saveCommitteeForm(turn, ids, data) : await removeFromCommittee(turn, ids);
  await replaceCard(context, answer.card, turn.logger, answer.summary);
  turn.logger.info({ command: 'form:committee', saved: answer.saved }, 'Teams form submitted');
  return 'form:committee';
}

interface CommitteeAnswer {
  saved: boolean;
  card: AdaptiveCard;
  summary: string;
}

type LoadedTarget = CommitteeFormTarget & { accountId: string };

async function loadTarget(turn: TeamsTurn, dealId: string, contactId?: string): Promise<LoadedTarget> {
  const view = await loadDealView(turn.app, { id: dealId });
  const settings = (await readTenantSettings(turn.app)).deals;
  const target: LoadedTarget = { dealId: view.deal.id, dealName: view.deal.name, accountId: view.account.id, accountName: view.account.name, committee: view.committee, settings };
  if (!contactId) return target;

  const [contact] = await turn.app.db
    .select({ name: contacts.name, title: contacts.title })
    .from(contacts)
    .where(and(eq(contacts.tenantId, turn.tenant.id), eq(contacts.id, contactId)));
  if (!contact) throw new AppError('not_found', 'deals.errors.contactGone');
  return { ...target, editing: { contactId, label: contact.name ?? contact.title ?? '?' } };
}

// The field under which each error of the use cases shows, by message key.
const ERROR_FIELDS: Array<[RegExp, keyof CommitteeFormValues]> = [
  [/contact|lookup\.|invalidName/i, 'person'],
  [/committeeRole|roleRequired|unknownRole/, 'role'],
  [/attitude/, 'attitude'],
  [/influence/, 'influence'],
  [/motivationTag/, 'tags'],
];

const CONFIRMATION_KEYS = { created: 'committeeAdded', updated: 'committeeUpdated', unchanged: 'committeeUnchanged' } as const;

/** Saves the form; a missing field or a rejected value comes back on the form, next to its field. */
async function saveCommitteeForm(turn: TeamsTurn, ids: { dealId: string; contactId?: string }, data: Record<string, unknown>): Promise<CommitteeAnswer> {
  const { t } = turn;
  const target = await loadTarget(turn, ids.dealId, ids.contactId);
  const values = submittedValues(data);
  const retry = (errors: FormErrors): CommitteeAnswer => ({ saved: false, card: committeeFormCard(t, target, values, errors), summary: t('teams.committeeForm.title') });

  const missing: FormErrors = {};
  if (!values.person) missing.person = t('commands.form.required');
  if (!values.role) missing.role = t('commands.form.required');
  if (Object.keys(missing).length > 0) return retry(missing);

  try {
    const saved = await turn.app.db.transaction(async (tx) => {
      const txCtx: AppContext = { ...turn.app, db: tx as unknown as AppContext['db'] };
      const contact = await pickContact(txCtx, target, values.person!);
      const result = await addCommitteeMember(txCtx, {
        dealId: target.dealId,
        contactId: contact.id,
        role: values.role!,
        attitude: values.attitude ?? 'neutral',
        influence: values.influence ?? 'medium',
        motivations: values.motivations ?? null,
        motivationTags: splitTags(values.tags),
      });
      return { ...result, label: contact.label };
    });
    const key = CONFIRMATION_KEYS[saved.outcome];
    const message = t(`deals.reply.${key}`, { contact: saved.label, deal: target.dealName, role: labelOf(target.settings, 'committeeRole', values.role!, t) });
    return await dealAnswer(turn, target.dealId, message);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = ERROR_FIELDS.find(([pattern]) => pattern.test(error.messageKey))?.[1] ?? 'form';
    return retry({ [field]: describeError(error, t) });
  }
}

/**
 * Finds the person the form names: the member being updated while the field still shows their
 * name, else a contact of the deal's account. A name close to no contact becomes a new contact of
 * the account, in the caller's transaction. A name close to some is rejected with their names,
 * because a typo must not create a second person.
 */
async function pickContact(ctx: AppContext, target: LoadedTarget, person: string): Promise<{ id: string; label: string }> {
  if (target.editing && normalizeName(target.editing.label) === normalizeName(person)) return { id: target.editing.contactId, label: target.editing.label };
  try {
    return await resolveContact(ctx, person, { accountId: target.accountId });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'not_found' || error.suggestions.length > 0) throw error;
  }
  const created = (await upsertContact(ctx, { accountId: target.accountId, name: person })).contact;
  return { id: created.id, label: created.name ?? person };
}

async function removeFromCommittee(turn: TeamsTurn, ids: { dealId: string; contactId?: string }): Promise<CommitteeAnswer> {
  if (!ids.contactId) throw new AppError('invalid_input', 'teams.errors.unknownAction');
  const target = await loadTarget(turn, ids.dealId, ids.contactId);
  const { removed } = await removeCommitteeMember(turn.app, { dealId: ids.dealId, contactId: ids.contactId });
  const params = { contact: target.editing!.label, deal: target.dealName };
  return dealAnswer(turn, ids.dealId, turn.t(removed ? 'deals.reply.committeeRemoved' : 'deals.reply.committeeNotMember', params));
}

/** Builds the updated deal card, the confirmation first and the committee button last. */
async function dealAnswer(turn: TeamsTurn, dealId: string, message: string): Promise<CommitteeAnswer> {
  const view = await loadDealView(turn.app, { id: dealId });
  const settings = (await readTenantSettings(turn.app)).deals;
  const reply = withButton(turn, presentDeal(view, settings, turn.t, turn.locale), dealId);
  const confirmed: Reply = { text: message, blocks: [{ type: 'text', text: `✓ ${message}` }, ...reply.blocks] };
  return { saved: true, card: renderReplyCard(confirmed, turn.t), summary: message };
}

/** Returns the submitted text of each field; blanks are left out. */
function submittedValues(data: Record<string, unknown>): CommitteeFormValues {
  const values: CommitteeFormValues = {};
  for (const field of COMMITTEE_FIELDS) {
    const value = data[field];
    if (typeof value === 'string' && value.trim() !== '') values[field] = value.trim();
  }
  return values;
}

/** Reads a multi-select's value: the chosen ids separated by commas. */
function splitTags(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

function withButton(turn: TeamsTurn, reply: Reply, dealId: string): Reply {
  const action = { id: COMMITTEE_FORM_ACTION, label: turn.t('teams.committeeForm.edit'), value: dealId };
  return { ...reply, blocks: [...reply.blocks, { type: 'actions', actions: [action] }] };
}

/** Adds the "Edit buying committee" button under a deal shown by "deal show". */
export async function withCommitteeButton(turn: TeamsTurn, command: Command, reply: Reply): Promise<Reply> {
  if (command.verb !== 'deal' || command.action.action !== 'show' || reply.error) return reply;
  const { deal, account } = command.action;
  const resolved = await resolveDeal(turn.app, deal, account ? { account } : {});
  return withButton(turn, reply, resolved.id);
}

/**
 * Builds the form of "deal committee add DEAL" typed without a person; returns null for any other
 * command. For a deal that cannot be found, it returns the card of the lookup error.
 */
export async function committeeFormForCommand(turn: TeamsTurn, command: Command): Promise<{ card: AdaptiveCard; summary: string } | null> {
  if (command.verb !== 'deal' || !command.committeeForm || command.action.action !== 'show') return null;
  const { deal, account } = command.action;
  try {
    const resolved = await resolveDeal(turn.app, deal, account ? { account } : {});
    return { card: committeeFormCard(turn.t, await loadTarget(turn, resolved.id), {}), summary: turn.t('teams.committeeForm.title') };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const reply = errorReply(error, turn.t);
    return { card: renderReplyCard(reply, turn.t), summary: reply.text };
  }
}

