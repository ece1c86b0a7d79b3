// Runs parsed deal, coverage and map commands, and the buttons of their replies, for every
// surface. Use-case errors come back as translated replies; unexpected errors are thrown.
import { eq } from 'drizzle-orm';

import { translator, type Translate } from '../../i18n/index.js';
import { contacts, deals, members } from '../../store/schema.js';
import { coverageFor } from '../coverage.js';
import type { AppContext } from '../context.js';
import { createDeal, listDeals, setDealStage, showDeal, updateDeal, type DealUpdateInput } from '../deals.js';
import { errorReply } from '../error-reply.js';
import { AppError } from '../errors.js';
import { resolveContact } from '../lookup.js';
import { drawPowerMap, drawPowerMapOf } from '../power-map/power-map.js';
import { presentCoverage } from '../present/coverage.js';
import { presentDeal, presentDealList } from '../present/deals.js';
import { textReply, type Reply } from '../reply.js';
import { DEAL_STATUSES, labelOf, readTenantSettings } from '../settings.js';
import { OUTREACH_ASSIGN_ACTION, parseAssignActionValue, parseMapActionValue, POWER_MAP_ACTION } from './actions.js';
import { resolveDeal, resolveMemberRef } from './lookup.js';
import { assignOutreach, OUTREACH_OUTCOMES, recordOutreachResult } from './outreach.js';
import { parseAmount, type DealCommand, type DealParseFailure } from './parse.js';
import { addCommitteeMember, addTeamMember, removeCommitteeMember, removeTeamMember } from './people.js';

export interface DealCommandResult {
  reply: Reply;
  /** A picture to upload with the reply (power maps). */
  file?: { name: string; data: Buffer; mimeType: 'image/png'; alt: string; svg?: string; svgWidth?: number };
}

/** Runs one command. AppErrors (not found, invalid input…) become replies with "did you mean" text. */
export async function executeDealCommand(ctx: AppContext, command: DealCommand): Promise<DealCommandResult> {
  const t = translator(ctx.locale);
  try {
    return await dispatch(ctx, command, t);
  } catch (error) {
    if (error instanceof AppError) return { reply: errorReply(error, t) };
    throw error;
  }
}

/** The reply for a line that did not parse: what was wrong and the usage. */
export function dealParseFailureReply(failure: DealParseFailure, t: Translate): Reply {
  const sentence = t(failure.messageKey, failure.params ?? {}) as string;
  const usage = failure.usage && failure.messageKey !== 'deals.errors.usage' ? t('deals.errors.usage', { usage: failure.usage }) : undefined;
  return { text: sentence, blocks: [{ type: 'text', text: sentence }, ...(usage ? [{ type: 'context' as const, text: usage }] : [])], error: { code: 'invalid_input' } };
}

async function dispatch(ctx: AppContext, command: DealCommand, t: Translate): Promise<DealCommandResult> {
  const scope = command.action !== 'create' && command.account ? { account: command.account } : {};
  switch (command.action) {
    case 'create': {
      const deal = await createDeal(ctx, { account: command.account, name: command.name, stage: command.stage, buyingStage: command.buyingStage, expectedCloseOn: command.close, ...money(command) });
      const settings = (await readTenantSettings(ctx)).deals;
      const view = await showDeal(ctx, deal.name, { account: command.account });
      return { reply: confirm(t('deals.reply.created', { name: deal.name, account: view.account.name, stage: labelOf(settings, 'stage', deal.stage, t) })) };
    }
    case 'show': {
      const settings = (await readTenantSettings(ctx)).deals;
      return { reply: presentDeal(await showDeal(ctx, command.deal, scope), settings, t, ctx.locale) };
    }
    case 'list': {
      const status = command.status ? checkStatus(command.status) : undefined;
      const settings = (await readTenantSettings(ctx)).deals;
      return { reply: presentDealList(await listDeals(ctx, { ...scope, ...(status && { status }) }), settings, t, ctx.locale) };
    }
    case 'stage': {
      const result = await setDealStage(ctx, command.deal, command.stage, scope);
      const settings = (await readTenantSettings(ctx)).deals;
      const label = (id: string) => labelOf(settings, 'stage', id, t);
      return { reply: confirm(result.changed.length === 0 ? t('deals.reply.unchanged', { name: result.deal.name }) : t('deals.reply.stageChanged', { name: result.deal.name, from: label(result.previousStage), to: label(result.deal.stage) })) };
    }
    case 'update':
      return { reply: await runUpdate(ctx, command, t) };
    case 'team-add':
    case 'team-remove':
      return { reply: await runTeam(ctx, command, t) };
    case 'committee-add':
    case 'committee-remove':
      return { reply: await runCommittee(ctx, command, t) };
    case 'assign':
      return { reply: await runAssign(ctx, command, t) };
    case 'log':
      return { reply: await runLog(ctx, command, t) };
    case 'coverage': {
      const report = await coverageFor(ctx, command.target, scope);
      return { reply: presentCoverage(report, t, ctx.locale, ctx.now(), command.top ? { top: Math.max(1, Math.min(20, Number(command.top) || 5)) } : {}) };
    }
    case 'map': {
      const map = await drawPowerMap(ctx, command.target, { format: 'png', ...scope, ...(command.limit && { limit: Math.max(5, Number(command.limit) || 40) }) });
      return { reply: textReply(map.caption), file: { name: 'power-map.png', data: map.png!, mimeType: 'image/png', alt: map.alt, svg: map.svg, svgWidth: map.width } };
    }
  }
}

function confirm(text: string): Reply {
  return textReply(text);
}

function money(command: { amount?: string; currency?: string }): { amount?: number; currency?: string } {
  if (command.amount === undefined) return command.currency ? { currency: command.currency } : {};
  const amount = parseAmount(command.amount);
  if (amount === null) throw new AppError('invalid_input', 'deals.errors.amount', { value: command.amount });
  return { amount, ...(command.currency && { currency: command.currency }) };
}

function checkStatus(value: string): (typeof DEAL_STATUSES)[number] {
  const status = DEAL_STATUSES.find((candidate) => candidate === value.toLowerCase());
  if (!status) throw new AppError('invalid_input', 'validation.invalidField', { field: 'status', options: DEAL_STATUSES.join(', '), reasonKey: 'validation.oneOf' });
  return status;
}

async function runUpdate(ctx: AppContext, command: Extract<DealCommand, { action: 'update' }>, t: Translate): Promise<Reply> {
  const deal = await resolveDeal(ctx, command.deal, command.account ? { account: command.account } : {});
  const input: DealUpdateInput = {
    dealId: deal.id,
    ...(command.name && { name: command.name }),
    ...(command.stage && { stage: command.stage }),
    ...(command.buyingStage && { buyingStage: command.buyingStage }),
    ...(command.close && { expectedCloseOn: command.close }),
    ...(command.status && { status: checkStatus(command.status) }),
    ...money(command),
  };
  const result = await updateDeal(ctx, input);
  if (result.changed.length === 0) return confirm(t('deals.reply.unchanged', { name: result.deal.name }));
  const fields = result.changed.map((field) => t(`fields.${field}`, { defaultValue: t(`deals.show.${field}`, { defaultValue: field }) })).join(', ');
  return confirm(t('deals.reply.updated', { name: result.deal.name, fields }));
}

async function runTeam(ctx: AppContext, command: Extract<DealCommand, { action: 'team-add' | 'team-remove' }>, t: Translate): Promise<Reply> {
  const deal = await resolveDeal(ctx, command.deal, command.account ? { account: command.account } : {});
  const member = await resolveMemberRef(ctx, command.member);
  const params = { member: member.label, deal: deal.label };
  if (command.action === 'team-remove') {
    const { removed } = await removeTeamMember(ctx, { dealId: deal.id, memberId: member.id });
    return confirm(t(removed ? 'deals.reply.teamRemoved' : 'deals.reply.teamNotMember', params));
  }
  const result = await addTeamMember(ctx, { dealId: deal.id, memberId: member.id, ...(command.role && { role: command.role }) });
  const role = labelOf((await readTenantSettings(ctx)).deals, 'teamRole', result.role, t);
  const key = result.outcome === 'created' ? 'teamAdded' : result.outcome === 'updated' ? 'teamUpdated' : 'teamUnchanged';
  return confirm(t(`deals.reply.${key}`, { ...params, role }));
}

async function runCommittee(ctx: AppContext, command: Extract<DealCommand, { action: 'committee-add' | 'committee-remove' }>, t: Translate): Promise<Reply> {
  const deal = await resolveDeal(ctx, command.deal, command.account ? { account: command.account } : {});
  const contact = await resolveContact(ctx, command.person, { accountId: deal.accountId });
  const params = { contact: contact.label, deal: deal.label };
  if (command.action === 'committee-remove') {
    const { removed } = await removeCommitteeMember(ctx, { dealId: deal.id, contactId: contact.id });
    return confirm(t(removed ? 'deals.reply.committeeRemoved' : 'deals.reply.committeeNotMember', params));
  }
  const result = await addCommitteeMember(ctx, {
    dealId: deal.id,
    contactId: contact.id,
    ...(command.role && { role: command.role }),
    ...(command.attitude && { attitude: command.attitude }),
    ...(command.influence && { influence: command.influence }),
    ...(command.motivation !== undefined && { motivations: command.motivation }),
    ...(command.tags && { motivationTags: command.tags }),
  });
  const role = result.values.role ? labelOf((await readTenantSettings(ctx)).deals, 'committeeRole', result.values.role, t) : '';
  const key = result.outcome === 'created' ? 'committeeAdded' : result.outcome === 'updated' ? 'committeeUpdated' : 'committeeUnchanged';
  return confirm(t(`deals.reply.${key}`, { ...params, role }));
}

async function runAssign(ctx: AppContext, command: Extract<DealCommand, { action: 'assign' }>, t: Translate): Promise<Reply> {
  const deal = await resolveDeal(ctx, command.deal, command.account ? { account: command.account } : {});
  const contact = await resolveContact(ctx, command.person, { accountId: deal.accountId });
  const member = await resolveMemberRef(ctx, command.member);
  const { outcome } = await assignOutreach(ctx, { dealId: deal.id, contactId: contact.id, memberId: member.id });
  const key = outcome === 'created' ? 'assigned' : outcome === 'updated' ? 'reassigned' : 'alreadyAssigned';
  return confirm(t(`deals.reply.${key}`, { member: member.label, contact: contact.label, deal: deal.label }));
}

async function runLog(ctx: AppContext, command: Extract<DealCommand, { action: 'log' }>, t: Translate): Promise<Reply> {
  const outcome = OUTREACH_OUTCOMES.find((candidate) => candidate === command.outcome.toLowerCase().replace(/[\s-]/g, '_'));
  if (!outcome) throw new AppError('invalid_input', 'deals.errors.unknownOutcome', { value: command.outcome, options: OUTREACH_OUTCOMES.join(', ') });
  const deal = await resolveDeal(ctx, command.deal, command.account ? { account: command.account } : {});
  const contact = await resolveContact(ctx, command.person, { accountId: deal.accountId });
  await recordOutreachResult(ctx, { dealId: deal.id, contactId: contact.id, outcome, ...(command.note && { note: command.note }), ...(command.strength && { strength: Number(command.strength) }) });
  return confirm(t('deals.reply.resultLogged', { contact: contact.label, deal: deal.label, outcome: t(`deals.outcome.${outcome}`) }));
}

/**
 * Handles the assign and power-map buttons of deal replies. Returns null for any other action:
 * OUTREACH_LOG_ACTION opens a form (outcome, note, strength) that the surface builds itself and
 * submits to recordOutreachResult with the ids from parseLogActionValue.
 */
export async function handleDealAction(ctx: AppContext, actionId: string, value: string): Promise<DealCommandResult | null> {
  const t = translator(ctx.locale);
  try {
    if (actionId === OUTREACH_ASSIGN_ACTION) {
      const parsed = parseAssignActionValue(value);
      if (!parsed) return null;
      const { outcome } = await assignOutreach(ctx, parsed);
      return { reply: confirm(await assignmentSentence(ctx, parsed, outcome, t)) };
    }
    if (actionId === POWER_MAP_ACTION) {
      const target = parseMapActionValue(value);
      if (!target) return null;
      const map = await drawPowerMapOf(ctx, target, { format: 'png' });
      return { reply: textReply(map.caption), file: { name: 'power-map.png', data: map.png!, mimeType: 'image/png', alt: map.alt, svg: map.svg, svgWidth: map.width } };
    }
    return null;
  } catch (error) {
    if (error instanceof AppError) return { reply: errorReply(error, t) };
    throw error;
  }
}

async function assignmentSentence(ctx: AppContext, ids: { dealId: string; contactId: string; memberId: string }, outcome: 'created' | 'updated' | 'unchanged', t: Translate): Promise<string> {
  const [deal] = await ctx.db.select({ name: deals.name }).from(deals).where(eq(deals.id, ids.dealId));
  const [contact] = await ctx.db.select({ name: contacts.name, title: contacts.title }).from(contacts).where(eq(contacts.id, ids.contactId));
  const [member] = await ctx.db.select({ name: members.name }).from(members).where(eq(members.id, ids.memberId));
  const key = outcome === 'created' ? 'assigned' : outcome === 'updated' ? 'reassigned' : 'alreadyAssigned';
  return t(`deals.reply.${key}`, { deal: deal?.name ?? '?', contact: contact?.name ?? contact?.title ?? '?', member: member?.name ?? '?' });
}
