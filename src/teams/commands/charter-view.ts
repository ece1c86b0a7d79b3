// The charter view in Teams: `my relationships` returns the charter card in a personal chat, and
// the card's buttons and Save run there and redraw the card in place.
import type { TurnContext } from 'botbuilder';

import { loadCharterView, pageStart, parseVisibilityChoice, runCharterViewAction, saveRelationshipVisibilities, VIEW_PAGE_SIZE } from '../../app/charter/view.js';
import { errorReply } from '../../app/error-reply.js';
import { AppError } from '../../app/errors.js';
import { CHARTER_VIEW_ACTIONS, isCharterViewAction, presentCharterView } from '../../app/present/charter.js';
import { textReply, type Reply } from '../../app/reply.js';
import type { Visibility } from '../../domain/charter.js';
import type { Translate } from '../../i18n/index.js';
import { scopeOf } from '../activity.js';
import { renderCharterCard, VISIBILITY_INPUT_PREFIX, type CharterSubmitData } from '../cards/charter-card.js';
import { renderReplyCard, type AdaptiveCard } from '../cards/reply-card.js';
import { replaceCard, sendReply } from '../send.js';
import type { TeamsTurn } from '../turn.js';

/**
 * Builds the charter card at a page of relationships, from 1. Outside a personal chat the card
 * would show private relationships to everyone there, so the reply is a sentence saying where to ask.
 */
export async function charterViewCard(context: TurnContext, turn: TeamsTurn, page: number): Promise<{ card: AdaptiveCard; summary: string }> {
  if (scopeOf(context.activity) !== 'personal') {
    const reply = personalOnlyReply(turn.t);
    return { card: renderReplyCard(reply, turn.t), summary: reply.text };
  }
  const model = presentCharterView(await loadCharterView(turn.app, (page - 1) * VIEW_PAGE_SIZE), turn.t, turn.locale);
  return { card: renderCharterCard(model, turn.t), summary: model.text };
}

/**
 * Runs a button of the charter card and redraws the card in its place, with the confirmation or
 * the use case's translated error at the top. Returns false for a button of another card.
 */
export async function answerCharterAction(context: TurnContext, turn: TeamsTurn): Promise<boolean> {
  const data = (context.activity.value ?? {}) as CharterSubmitData & Record<string, unknown>;
  if (typeof data.actionId !== 'string' || !isCharterViewAction(data.actionId)) return false;
  if (scopeOf(context.activity) !== 'personal') {
    await sendReply(context, personalOnlyReply(turn.t), turn.t);
    return true;
  }

  let notice: Reply | null;
  let offset = pageStart(data.offset);
  try {
    if (data.actionId === CHARTER_VIEW_ACTIONS.save) notice = await saveRelationshipVisibilities(turn.app, turn.t, changedChoices(data));
    else {
      const outcome = await runCharterViewAction(turn.app, turn.t, data.actionId, String(data.value ?? ''), offset);
      notice = outcome?.notice ?? null;
      offset = outcome?.offset ?? offset;
    }
  } catch (error) {
    // Use-case errors are the member's to fix and show on the card; anything else is reported by the turn.
    if (!(error instanceof AppError)) throw error;
    notice = errorReply(error, turn.t);
  }

  const model = presentCharterView(await loadCharterView(turn.app, offset), turn.t, turn.locale);
  await replaceCard(context, renderCharterCard(model, turn.t, notice ?? undefined), turn.logger, notice?.text ?? model.text);
  return true;
}

/** Reads the ChoiceSets of a submitted card, keeping only the relationships whose visibility changed. */
export function changedChoices(data: Record<string, unknown>): Array<{ relationshipId: string; visibility: Visibility }> {
  const shown = (data.shown && typeof data.shown === 'object' ? data.shown : {}) as Record<string, unknown>;
  const choices: Array<{ relationshipId: string; visibility: Visibility }> = [];
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(VISIBILITY_INPUT_PREFIX)) continue;
    const relationshipId = key.slice(VISIBILITY_INPUT_PREFIX.length);
    if (value === shown[relationshipId]) continue;
    choices.push(parseVisibilityChoice(`${relationshipId}:${String(value)}`));
  }
  return choices;
}

function personalOnlyReply(t: Translate): Reply {
  return textReply(t('charterView.errors.personalOnly'), { code: 'forbidden' });
}
