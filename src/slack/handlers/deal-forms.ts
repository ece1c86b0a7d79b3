// The deal modals: opening them on a deal (and a contact), and saving them. The outreach form
// closes an assigned outreach with its result. The committee form adds a contact of the deal's
// account to its buying committee, and creates the contact first when the user typed a new name.
import type { App, ViewSubmitAction, types } from '@slack/bolt';
import { and, eq } from 'drizzle-orm';

import type { FormOutcome } from '../../app/commands/index.js';
import { upsertContact } from '../../app/contacts.js';
import type { AppContext } from '../../app/context.js';
import { parseLogActionValue } from '../../app/deals/actions.js';
import { resolveDeal } from '../../app/deals/lookup.js';
import { OUTREACH_OUTCOMES, recordOutreachResult, type OutreachOutcome } from '../../app/deals/outreach.js';
import { addCommitteeMember } from '../../app/deals/people.js';
import { loadDealView } from '../../app/deals.js';
import { describeError } from '../../app/error-reply.js';
import { AppError } from '../../app/errors.js';
import { labelOf, readTenantSettings } from '../../app/settings.js';
import { contacts } from '../../store/schema.js';
import { choiceIn, selectedOf, textOf, type ViewState } from '../modals/state.js';
import { committeeView, COMMITTEE_FORM, decodeDealForm, outreachView, OUTREACH_FORM, type DealFormMetadata } from '../modals/deal-forms.js';
import type { ModalOrigin } from '../modals/forms.js';
import type { SlackSession } from '../session.js';
import type { SlackDeps } from '../surface.js';
import { answerSubmission } from './forms.js';

/** Builds the outreach form of a "log result" button; throws not_found when the value names no deal or contact. */
export async function outreachFormFor(session: SlackSession, value: string, origin: ModalOrigin): Promise<types.ModalView> {
  const ids = parseLogActionValue(value);
  if (!ids) throw new AppError('not_found', 'deals.errors.gone');
  const view = await loadDealView(session.ctx, { id: ids.dealId });
  const [contact] = await session.ctx.db
    .select({ name: contacts.name, title: contacts.title })
    .from(contacts)
    .where(and(eq(contacts.tenantId, session.ctx.tenantId), eq(contacts.id, ids.contactId)));
  if (!contact) throw new AppError('not_found', 'deals.errors.contactGone');
  const metadata: DealFormMetadata = { origin, dealId: view.deal.id, dealName: view.deal.name, accountId: view.account.id, contactId: ids.contactId, contactName: contact.name ?? contact.title ?? '?' };
  return outreachView(session.t, metadata);
}

/** Builds the committee form of a deal, given by id or as typed ("deal committee add DEAL"). */
export async function committeeFormFor(session: SlackSession, deal: { id: string } | { name: string; account?: string }, origin: ModalOrigin): Promise<types.ModalView> {
  const dealId = 'id' in deal ? deal.id : (await resolveDeal(session.ctx, deal.name, deal.account ? { account: deal.account } : {})).id;
  const view = await loadDealView(session.ctx, { id: dealId });
  const settings = (await readTenantSettings(session.ctx)).deals;
  const metadata: DealFormMetadata = { origin, dealId: view.deal.id, dealName: view.deal.name, accountId: view.account.id };
  return committeeView(session.t, settings, metadata, view.committee);
}

export function registerDealForms(app: App, deps: SlackDeps): void {
  const callbacks = new RegExp(`^(${OUTREACH_FORM}|${COMMITTEE_FORM})$`);
  app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: callbacks }, async (args) => {
    const outreach = args.view.callback_id === OUTREACH_FORM;
    const metadata = decodeDealForm(args.view.private_metadata);
    await answerSubmission(deps, args, {
      logName: outreach ? 'form:outreach' : 'form:committee',
      titleKey: outreach ? 'slack.dealForms.outreach.title' : 'slack.dealForms.committee.title',
      origin: metadata?.origin ?? { source: 'action' },
      submit: async (session) => {
        if (!metadata) throw new AppError('invalid_input', 'slack.dealForms.unreadable');
        const state = args.view.state.values as ViewState;
        return outreach ? submitOutreach(session, metadata, state) : submitCommittee(session, metadata, state);
      },
    });
  });
}

async function submitOutreach(session: SlackSession, metadata: DealFormMetadata, state: ViewState): Promise<FormOutcome> {
  const { t } = session;
  const outcome = OUTREACH_OUTCOMES.find((candidate) => candidate === selectedOf(state, 'outcome')) as OutreachOutcome | undefined;
  if (!outcome) return { ok: false, errors: { outcome: t('commands.form.required') } };
  if (!metadata.contactId) throw new AppError('invalid_input', 'slack.dealForms.unreadable');

  const strength = selectedOf(state, 'strength');
  const note = textOf(state, 'note');
  try {
    await recordOutreachResult(session.ctx, { dealId: metadata.dealId, contactId: metadata.contactId, outcome, ...(note && { note }), ...(strength && { strength: Number(strength) }) });
  } catch (error) {
    if (error instanceof AppError) return { ok: false, errors: { [error.messageKey === 'deals.errors.noOpenAssignment' ? 'outcome' : 'note']: describeError(error, t) } };
    throw error;
  }
  const message = t('deals.reply.resultLogged', { contact: metadata.contactName ?? '', deal: metadata.dealName, outcome: t(`deals.outcome.${outcome}`) });
  return { ok: true, message };
}

// Which input an error of addCommitteeMember belongs under, by message key.
const COMMITTEE_ERROR_FIELDS: Array<[RegExp, string]> = [
  [/contact|lookup\.notFound\.contact|invalidName/i, 'contact'],
  [/committeeRole|roleRequired|unknownRole/, 'role'],
  [/attitude/, 'attitude'],
  [/influence/, 'influence'],
  [/motivationTag/, 'tags'],
];

async function submitCommittee(session: SlackSession, metadata: DealFormMetadata, state: ViewState): Promise<FormOutcome> {
  const { t, ctx } = session;
  const contact = choiceIn(state, 'contact');
  const role = selectedOf(state, 'role');
  if (!contact) return { ok: false, errors: { contact: t('commands.form.required') } };
  if (!role) return { ok: false, errors: { role: t('commands.form.required') } };
  const motivations = textOf(state, 'motivations');
  const tags = (state.tags?.tags?.selected_options ?? []).flatMap((selected) => (selected.value ? [selected.value] : []));

  try {
    const saved = await ctx.db.transaction(async (tx) => {
      const txCtx: AppContext = { ...ctx, db: tx as unknown as AppContext['db'] };
      // A typed name becomes a new contact of the deal's account, in the same transaction.
      let picked = { id: '', label: '' };
      if ('id' in contact) picked = contact;
      else {
        const created = (await upsertContact(txCtx, { accountId: metadata.accountId, name: contact.newName })).contact;
        picked = { id: created.id, label: created.name ?? contact.newName };
      }
      const result = await addCommitteeMember(txCtx, {
        dealId: metadata.dealId,
        contactId: picked.id,
        role,
        attitude: selectedOf(state, 'attitude') ?? 'neutral',
        influence: selectedOf(state, 'influence') ?? 'medium',
        motivations: motivations ?? null,
        motivationTags: tags,
      });
      return { ...result, label: picked.label };
    });
    const settings = (await readTenantSettings(ctx)).deals;
    const key = saved.outcome === 'created' ? 'committeeAdded' : saved.outcome === 'updated' ? 'committeeUpdated' : 'committeeUnchanged';
    return { ok: true, message: t(`deals.reply.${key}`, { contact: saved.label, deal: metadata.dealName, role: labelOf(settings, 'committeeRole', role, t) }) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = COMMITTEE_ERROR_FIELDS.find(([pattern]) => pattern.test(error.messageKey))?.[1] ?? 'contact';
    return { ok: false, errors: { [field]: describeError(error, t) } };
  }
}
