// Messages to the bot (personal chat, or an @mention in a channel or group chat) and the buttons
// of its cards: each runs a command of the shared grammar, or submits a form card.
import { recordCommand } from '../../server/metrics.js';
import type { TurnContext } from 'botbuilder';

import { parseCommand, type Command } from '../../app/commands/index.js';
import { textReply } from '../../app/reply.js';
import { commandTextOf } from '../activity.js';
import { SUBMIT_VERB, type SubmitData } from '../cards/reply-card.js';
import { answerCommand } from '../commands/run.js';
import { MentionDirectory, readCommandLine } from '../commands/mentions.js';
import { claimDelivery, releaseDelivery } from '../deliveries.js';
import { confirmationCard, formCard, formKindOf, FORM_VERB } from '../forms/cards.js';
import { OUTREACH_VERB, submitOutreachForm } from '../forms/outreach.js';
import { submitForm } from '../forms/submit.js';
import { hiddenDataOf, submittedValues } from '../forms/values.js';
import { replaceCard, sendCard, sendReply } from '../send.js';
import { rememberConversation, resolveTurn, type TeamsDependencies, type TeamsTurn } from '../turn.js';
import { answerIdButton } from './card-actions.js';
import { answerFailure } from './failures.js';

/**
 * Runs the turn's work once per delivery: resolves the turn, keeps the conversation reference,
 * skips a repeated delivery, and replies to any failure with a translated sentence.
 */
async function handleOnce(context: TurnContext, deps: TeamsDependencies, command: () => string | undefined, work: (turn: TeamsTurn) => Promise<void>): Promise<void> {
  let turn: TeamsTurn | undefined;
  let claimed = false;
  const startedAt = performance.now();
  try {
    turn = await resolveTurn(context, deps);
    await rememberConversation(context, deps, turn);
    claimed = await claimDelivery(deps.db, context.activity);
    if (!claimed) {
      turn.logger.info('repeated Teams delivery skipped');
      return;
    }
    await work(turn);
    recordCommand('teams', command(), 'ok', (performance.now() - startedAt) / 1000);
  } catch (error) {
    recordCommand('teams', command(), 'error', (performance.now() - startedAt) / 1000);
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

/**
 * Handles a card button: an update-request or deal button by its action id, any other by running
 * the command it carries. A next page replaces the card.
 */
export async function onCardAction(context: TurnContext, deps: TeamsDependencies): Promise<void> {
  const data = context.activity.value as SubmitData;
  let verb = verbOf(String(data.value ?? ''));
  await handleOnce(context, deps, () => verb ?? data.actionId, async (turn) => {
    if (await answerIdButton(context, turn, data)) return;
    const answer = await answerCommand(context, turn, String(data.value ?? ''), new MentionDirectory());
    verb = answer.verb;
    if (isPaging(data.actionId, answer.command)) await replaceCard(context, answer.card, turn.logger, answer.summary);
    else await sendCard(context, answer.card, answer.summary);
    turn.logger.info({ command: verb ?? 'unparsed', action: data.actionId }, 'Teams card action handled');
  });
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

/** Handles the Save button of an outreach result: saves, then shows the confirmation or the error in the card's place. */
export async function onOutreachSubmit(context: TurnContext, deps: TeamsDependencies): Promise<void> {
  const data = (context.activity.value ?? {}) as Record<string, unknown>;
  await handleOnce(context, deps, () => 'form:outreach', async (turn) => {
    const submission = await submitOutreachForm(turn, data);
    await replaceCard(context, submission.card, turn.logger, submission.summary);
    turn.logger.info({ command: 'form:outreach', saved: submission.saved }, 'Teams form submitted');
  });
}

export type SubmissionKind = 'action' | 'form' | 'outreach';

/** Returns whether a message is the Action.Submit of one of our cards, and of which kind. */
export function submissionKind(context: TurnContext): SubmissionKind | undefined {
  const activity = context.activity;
  if (activity.type !== 'message' || activity.text || typeof activity.value !== 'object' || activity.value === null) return undefined;
  const verb = (activity.value as { verb?: unknown }).verb;
  if (verb === SUBMIT_VERB) return 'action';
  if (verb === FORM_VERB) return 'form';
  if (verb === OUTREACH_VERB) return 'outreach';
  return undefined;
}
