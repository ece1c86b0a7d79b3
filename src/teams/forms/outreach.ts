// The form behind a coverage reply's "Log result" button: how an assigned outreach went, saved
// through the deals use case, which closes the assignment.
import type { TurnContext } from 'botbuilder';
import { and, eq } from 'drizzle-orm';

import { parseLogActionValue } from '../../app/deals/actions.js';
import { OUTREACH_OUTCOMES, recordOutreachResult } from '../../app/deals/outreach.js';
import { describeError } from '../../app/error-reply.js';
import { AppError } from '../../app/errors.js';
import type { Translate } from '../../i18n/index.js';
import { contacts, deals } from '../../store/schema.js';
import { emptyCard, textBlock, type AdaptiveCard, type CardElement } from '../cards/reply-card.js';
import { sendCard } from '../send.js';
import type { TeamsTurn } from '../turn.js';
import { confirmationCard, strengthChoices } from './cards.js';

/** `verb` of the Save button's data: an outreach result. */
export const OUTREACH_VERB = 'o2o.outreach';

const NOTE_MAX_LENGTH = 2000;

interface OutreachTarget {
  dealId: string;
  contactId: string;
  deal: string;
  contact: string;
}

export interface OutreachValues {
  outcome?: string | undefined;
  strength?: string | undefined;
  note?: string | undefined;
}

export interface OutreachSubmission {
  saved: boolean;
  /** The confirmation, or the form again with what went wrong. */
  card: AdaptiveCard;
  summary?: string;
}

/** Sends the form for a "Log result" button's value, and returns false when the value is not one. */
export async function openOutreachForm(context: TurnContext, turn: TeamsTurn, value: string): Promise<boolean> {
  const ids = parseLogActionValue(value);
  if (!ids) return false;
  const target = await loadTarget(turn, ids);
  await sendCard(context, outreachCard(turn.t, target, {}), turn.t('teams.forms.titles.outreach'));
  return true;
}

/** Saves a submitted form. A refusal (no open assignment, no outcome picked) comes back on the form. */
export async function submitOutreachForm(turn: TeamsTurn, data: Record<string, unknown>): Promise<OutreachSubmission> {
  const ids = parseLogActionValue(`${String(data.dealId ?? '')}:${String(data.contactId ?? '')}`);
  if (!ids) throw new AppError('invalid_input', 'teams.errors.unknownAction');
  const target = await loadTarget(turn, ids);
  const values: OutreachValues = { outcome: filled(data.outcome), strength: filled(data.strength), note: filled(data.note) };

  try {
    await recordOutreachResult(turn.app, {
      ...ids,
      outcome: values.outcome as (typeof OUTREACH_OUTCOMES)[number],
      ...(values.strength && { strength: Number(values.strength) }),
      ...(values.note && { note: values.note }),
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { saved: false, card: outreachCard(turn.t, target, values, describeError(error, turn.t)) };
  }
  const message = turn.t('deals.reply.resultLogged', { contact: target.contact, deal: target.deal, outcome: turn.t(`deals.outcome.${values.outcome}`) });
  return { saved: true, card: confirmationCard(turn.t, message, { closable: false }), summary: message };
}

function filled(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function loadTarget(turn: TeamsTurn, ids: { dealId: string; contactId: string }): Promise<OutreachTarget> {
  const [deal] = await turn.app.db.select({ name: deals.name }).from(deals).where(and(eq(deals.tenantId, turn.tenant.id), eq(deals.id, ids.dealId)));
  if (!deal) throw new AppError('not_found', 'deals.errors.gone');
  const [contact] = await turn.app.db.select({ name: contacts.name, title: contacts.title }).from(contacts).where(and(eq(contacts.tenantId, turn.tenant.id), eq(contacts.id, ids.contactId)));
  if (!contact) throw new AppError('not_found', 'deals.errors.contactGone');
  return { ...ids, deal: deal.name, contact: contact.name ?? contact.title ?? '' };
}

/** Builds the form: the outcome, the relationship after a reached outreach, a note, and Save. */
export function outreachCard(t: Translate, target: OutreachTarget, values: OutreachValues, error?: string): AdaptiveCard {
  const body: CardElement[] = [
    { type: 'TextBlock', text: t('teams.forms.titles.outreach'), size: 'Large', weight: 'Bolder', style: 'heading', wrap: true },
    { ...textBlock(t('teams.forms.intros.outreach', { contact: target.contact, deal: target.deal })), isSubtle: true, spacing: 'None' },
  ];
  if (error) body.push({ ...textBlock(error), color: 'Attention' });
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'outcome',
      style: 'expanded',
      label: t('teams.forms.fields.outcome'),
      isRequired: true,
      errorMessage: t('commands.form.required'),
      value: values.outcome ?? '',
      choices: OUTREACH_OUTCOMES.map((outcome) => ({ title: t(`teams.forms.outcomes.${outcome}`), value: outcome })),
    },
    { type: 'Input.ChoiceSet', id: 'strength', style: 'compact', label: t('teams.forms.fields.strengthAfter'), value: values.strength ?? '', choices: strengthChoices(t) },
    { type: 'Input.Text', id: 'note', isMultiline: true, maxLength: NOTE_MAX_LENGTH, label: t('teams.forms.fields.note'), value: values.note ?? '' },
  );
  const card = emptyCard(body);
  card.actions = [{ type: 'Action.Submit', title: t('teams.forms.save'), style: 'positive', data: { verb: OUTREACH_VERB, dealId: target.dealId, contactId: target.contactId } }];
  return card;
}
