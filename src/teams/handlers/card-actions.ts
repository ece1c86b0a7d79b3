// Card buttons that carry ids rather than a command line: the answers of update requests, the
// assign, power-map and log-result buttons of digests and coverage replies, and the charter card's.
import type { TurnContext } from 'botbuilder';

import { handleJobsAction } from '../../app/commands/jobs.js';
import { OUTREACH_LOG_ACTION, parseMapActionValue, POWER_MAP_ACTION } from '../../app/deals/actions.js';
import { handleDealAction } from '../../app/deals/commands.js';
import { errorReply } from '../../app/error-reply.js';
import { AppError } from '../../app/errors.js';
import { drawPowerMapOf, type PowerMap } from '../../app/power-map/power-map.js';
import { renderPng } from '../../app/power-map/png.js';
import type { Reply } from '../../app/reply.js';
import type { Translate } from '../../i18n/index.js';
import { inlinePictureBlocks, pictureBlocks } from '../cards/picture.js';
import { renderReplyCard, type SubmitData } from '../cards/reply-card.js';
import { answerCharterAction } from '../commands/charter-view.js';
import { draftCard } from '../commands/run.js';
import { MentionDirectory } from '../commands/mentions.js';
import { answerCommitteeAction } from '../forms/committee.js';
import { openOutreachForm } from '../forms/outreach.js';
import { replaceCard, sendCard, sendReply } from '../send.js';
import type { TeamsTurn } from '../turn.js';

export { PICTURE_BUDGET_BYTES } from '../cards/picture.js';

/** Handles a button of an update request, a deal reply or the charter card, and returns false for any other button. */
export async function answerIdButton(context: TurnContext, turn: TeamsTurn, data: SubmitData): Promise<boolean> {
  const actionId = String(data.actionId ?? '');
  const value = String(data.value ?? '');
  const handled =
    ((await answerCharterAction(context, turn)) && 'charter-view') ||
    (await answerCommitteeAction(context, turn, data as unknown as Record<string, unknown>)) ||
    (await answerJobsAction(context, turn, actionId, value)) ||
    (await answerDealAction(context, turn, actionId, value));
  if (handled) turn.logger.info({ command: handled, action: actionId }, 'Teams card action handled');
  return handled !== false;
}

/** Recording an answer redraws the request card in place; "update details" opens the relationship form. */
async function answerJobsAction(context: TurnContext, turn: TeamsTurn, actionId: string, value: string): Promise<string | false> {
  const result = await handleJobsAction({ ctx: turn.app, t: turn.t }, actionId, value);
  if (!result) return false;
  if (result.kind === 'form') await sendCard(context, draftCard(turn, result.request, new MentionDirectory()), turn.t(`teams.forms.titles.${result.request.form}`));
  else if (result.kind === 'replace') await replaceCard(context, renderReplyCard(result.reply, turn.t), turn.logger, result.reply.text);
  else await sendReply(context, result.reply, turn.t);
  return 'update-request';
}

/**
 * "Assign" records the outreach and confirms in a new message, so the digest or coverage card
 * keeps its other buttons. "Log result" opens the outreach form, and the map button sends a picture.
 */
async function answerDealAction(context: TurnContext, turn: TeamsTurn, actionId: string, value: string): Promise<string | false> {
  if (actionId === OUTREACH_LOG_ACTION) return (await openOutreachForm(context, turn, value)) ? 'deal-log' : false;
  if (actionId === POWER_MAP_ACTION) return (await answerMapAction(context, turn, value)) ? 'deal-map' : false;
  const result = await handleDealAction(turn.app, actionId, value);
  if (!result) return false;
  await sendReply(context, result.reply, turn.t);
  return 'deal-assign';
}

/** Sends the power map of a map button's deal or account, and returns false when the value is not one. */
async function answerMapAction(context: TurnContext, turn: TeamsTurn, value: string): Promise<boolean> {
  const target = parseMapActionValue(value);
  if (!target) return false;
  let reply: Reply;
  try {
    const map = await drawPowerMapOf(turn.app, target, { format: 'svg' });
    reply = mapReply(map, turn.t, await pictureBlocks(turn, { svg: map.svg, svgWidth: map.width, alt: map.alt }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    reply = errorReply(error, turn.t);
  }
  await sendReply(context, reply, turn.t);
  return true;
}

/**
 * Builds the reply of a power map: its picture, then its caption. Without `picture`, the picture
 * goes inside the card at its drawn size, because the 2x rendering rarely fits in a Teams message.
 * A map too large even so is described in words after the caption.
 */
export function mapReply(map: PowerMap, t: Translate, picture: Reply['blocks'] = inlinePictureBlocks(renderPng(map.svg, map.width, 1), map.alt, t)): Reply {
  const heading = { type: 'heading' as const, text: map.title };
  const caption = { type: 'text' as const, text: map.caption };
  const blocks = picture[0]?.type === 'image' ? [heading, ...picture, caption] : [heading, caption, ...picture];
  return { text: map.title, blocks };
}
