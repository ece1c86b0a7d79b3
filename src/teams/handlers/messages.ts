// Messages to the bot (personal chat, or an @mention in a channel or group chat) and the buttons
// of its cards: each runs a command of the shared grammar, or submits a form card.
import type { TurnContext } from 'botbuilder';

import { parseCommand, type Command } from '../../app/commands/index.js';
import { handleJobsAction } from '../../app/commands/jobs.js';
import { textReply } from '../../app/reply.js';
import { commandTextOf } from '../activity.js';
import { renderReplyCard, SUBMIT_VERB, type SubmitData } from '../cards/reply-card.js';
import { answerCommand, draftCard } from '../commands/run.js';
import { MentionDirectory, readCommandLine } from '../commands/mentions.js';
import { claimDelivery, releaseDelivery } from '../deliveries.js';
import { confirmationCard, formCard, formKindOf, FORM_VERB } from '../forms/cards.js';
import { submitForm } from '../forms/submit.js';
import { hiddenDataOf, submittedValues } from '../forms/values.js';
import { replaceCard, sendCard, sendReply } from '../send.js';
import { rememberConversation, resolveTurn, type TeamsDependencies, type TeamsTurn } from '../turn.js';
import { answerFailure } from './failures.js';

/**
 * Runs the turn's work once per delivery: resolves the turn, keeps the conversation reference,
 * skips a repeated delivery, and replies to any failure with a translated sentence.
 */
async function handleOnce(context: TurnContext, deps: TeamsDependencies, command: () => string | undefined, work: (turn: TeamsTurn) => Promise<void>): Promise<void> {
  let turn: TeamsTurn | undefined;
  let claimed = false;
  try {
    turn = await resolveTurn(context, deps);
    await rememberConversation(context, deps, turn);
    claimed = await claimDelivery(deps.db, context.activity);
    if (!claimed) {
      turn.logger.info('repeated Teams delivery skipped');
      return;
    }
    await work(turn);
  } catch (error) {
    await answerFailure(context, deps, turn, error, { command: command() });
    if (claimed) await releaseDelivery(deps.db, context.activity).catch(() => undefined);
  }
}

/** Handles a typed message: runs its command line, the bot's mention removed. */
export async function onMessage(context: TurnContext, deps: TeamsDependencies): Promise<void> {
  // Known before the store is reached, so a failure at any step is logged with its command.
  let verb = verbOf(commandTextOf(context.activity));
  await handleOnce(context, deps, () => verb, async (turn) => {
    const directory = new MentionDirectory();
    const line = await readCommandLine(context, directory, turn.logger);
    const answer = await answerCommand(context, turn, line, directory);
    verb = answer.verb;
    await sendCard(context, answer.card, answer.summary);
    turn.logger.info({ command: verb ?? 'unparsed' }, 'Teams command handled');
  });
}

/** Handles a card button: runs the command it carries. A next page replaces the card. */
export async function onCardAction(context: TurnContext, deps: TeamsDependencies): Promise<void> {
  const data = context.activity.value as SubmitData;
  let verb = verbOf(String(data.value ?? ''));
  await handleOnce(context, deps, () => verb, async (turn) => {
    if (await answerJobsAction(context, turn, data)) return;
    const answer = await answerCommand(context, turn, String(data.value ?? ''), new MentionDirectory());
    verb = answer.verb;
    if (isPaging(data.actionId, answer.command)) await replaceCard(context, answer.card, turn.logger, answer.summary);
    else await sendCard(context, answer.card, answer.summary);
    turn.logger.info({ command: verb ?? 'unparsed', action: data.actionId }, 'Teams card action handled');
  });
}

/** Handles the buttons of update requests: recording an answer redraws the request card, and "update details" opens a form. */
async function answerJobsAction(context: TurnContext, turn: TeamsTurn, data: SubmitData): Promise<boolean> {
  const result = await handleJobsAction({ ctx: turn.app, t: turn.t }, String(data.actionId ?? ''), String(data.value ?? ''));
  if (!result) return false;
  if (result.kind === 'form') await sendCard(context, draftCard(turn, result.request, new MentionDirectory()), turn.t(`teams.forms.titles.${result.request.form}`));
  else if (result.kind === 'replace') await replaceCard(context, renderReplyCard(result.reply, turn.t), turn.logger, result.reply.text);
  else await sendReply(context, result.reply, turn.t);
  turn.logger.info({ command: 'update-request', action: data.actionId }, 'Teams card action handled');
  return true;
}

function verbOf(line: string): string | undefined {
  const parsed = parseCommand(line);
  return parsed.ok ? parsed.command.verb : parsed.failure.verb;
}

/** Returns whether a button pages. Paging buttons carry a paged command ("who Acme page 2"), and their result replaces the card. */
export function isPaging(actionId: string | undefined, command: Command | undefined): boolean {
  if (!command || (command.verb !== 'who' && command.verb !== 'contacts')) return false;
  return actionId === 'page' || actionId === 'more' || actionId === 'previous' || actionId === 'next';
}

/** Handles a form card's Save button: saves, then shows the confirmation or the errors in the card's place. */
export async function onFormSubmit(context: TurnContext, deps: TeamsDependencies): Promise<void> {
  const data = (context.activity.value ?? {}) as Record<string, unknown>;
  const kind = formKindOf(data.form);
  await handleOnce(context, deps, () => `form:${kind ?? 'unknown'}`, async (turn) => {
    if (!kind) {
      await sendReply(context, textReply(turn.t('teams.errors.unknownAction'), { code: 'invalid_input' }), turn.t);
      return;
    }
    const values = submittedValues(kind, data);
    const hidden = hiddenDataOf(data);
    const outcome = await submitForm(turn, kind, values, hidden);
    const card = outcome.ok ? confirmationCard(turn.t, outcome.message, { closable: false }) : formCard(kind, turn.t, values, hidden, outcome.errors);
    await replaceCard(context, card, turn.logger, outcome.ok ? outcome.message : undefined);
    turn.logger.info({ command: `form:${kind}`, saved: outcome.ok }, 'Teams form submitted');
  });
}

/** Returns whether a message is the Action.Submit of one of our cards, and of which kind. */
export function submissionKind(context: TurnContext): 'action' | 'form' | undefined {
  const activity = context.activity;
  if (activity.type !== 'message' || activity.text || typeof activity.value !== 'object' || activity.value === null) return undefined;
  const verb = (activity.value as { verb?: unknown }).verb;
  if (verb === SUBMIT_VERB) return 'action';
  if (verb === FORM_VERB) return 'form';
  return undefined;
}
