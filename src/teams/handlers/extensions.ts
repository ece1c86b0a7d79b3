// Message-extension actions "Log interaction" and "Add contact", started on a message, in the
// compose box or in the command box. The dialog is a form card, and its Save runs the shared submission.
import { CardFactory, type MessagingExtensionAction, type TaskModuleTaskInfo, type TurnContext } from 'botbuilder';
import { eq } from 'drizzle-orm';

import type { FormKind } from '../../app/commands/index.js';
import { describeError } from '../../app/error-reply.js';
import type { Locale } from '../../config/env.js';
import { resolveLocale, translator, type Translate } from '../../i18n/index.js';
import { tenants } from '../../store/schema.js';
import { tenantIdOf } from '../activity.js';
import { SUBMIT_VERB, type AdaptiveCard, type SubmitData } from '../cards/reply-card.js';
import { answerCommand } from '../commands/run.js';
import { MentionDirectory } from '../commands/mentions.js';
import { claimDelivery, releaseDelivery } from '../deliveries.js';
import { EXTENSION_FORMS } from '../extensions/commands.js';
import { digestMessage } from '../extensions/message-payload.js';
import { prefillForm } from '../extensions/prefill.js';
import { CLOSE_VERB, confirmationCard, formCard, formKindOf, FORM_VERB } from '../forms/cards.js';
import { submitForm } from '../forms/submit.js';
import { hiddenDataOf, submittedValues } from '../forms/values.js';
import { resolveTurn, teamsTenantKey, type TeamsDependencies, type TeamsTurn } from '../turn.js';
import { logFailure, translatorFor } from './failures.js';

// Teams waits 5 s for the dialog; the locale lookup gives up well before.
const LOCALE_LOOKUP_MS = 1_500;

function taskInfo(t: Translate, kind: FormKind, card: AdaptiveCard): TaskModuleTaskInfo {
  return { title: t(`teams.forms.titles.${kind}`), card: CardFactory.adaptiveCard(card), width: 'medium', height: 'large' };
}

/**
 * Picks the dialog's language: the activity's, else the tenant's default, else the server's. The
 * dialog needs nothing else from the store, so it opens even when the store is slow or down.
 */
async function dialogLocale(context: TurnContext, deps: TeamsDependencies): Promise<Locale> {
  if (context.activity.locale) return resolveLocale(context.activity.locale, deps.defaultLocale);
  const entraTenantId = tenantIdOf(context.activity);
  if (!entraTenantId) return deps.defaultLocale;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), LOCALE_LOOKUP_MS)));
  const lookup = deps.db
    .select({ locale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.externalKey, teamsTenantKey(entraTenantId)))
    .then((rows) => rows[0]?.locale, () => undefined);
  const locale = await Promise.race([lookup, timeout]).finally(() => clearTimeout(timer));
  return resolveLocale(locale, deps.defaultLocale);
}

/** composeExtension/fetchTask: the form, filled from the message when started on one. */
export async function onFetchTask(context: TurnContext, deps: TeamsDependencies): Promise<TaskModuleTaskInfo | string> {
  const t = translator(await dialogLocale(context, deps));
  const action = (context.activity.value ?? {}) as MessagingExtensionAction;
  const kind = EXTENSION_FORMS[action.commandId ?? ''];
  if (!kind) {
    deps.logger.warn({ commandId: action.commandId }, 'unknown message-extension command');
    return t('teams.errors.unknownAction');
  }
  const digest = digestMessage(action.commandContext === 'message' ? action.messagePayload : undefined);
  const { values, hidden } = prefillForm(kind, digest, context.activity.from?.aadObjectId, deps.now());
  deps.logger.debug({ command: action.commandId, context: action.commandContext }, 'message-extension dialog opened');
  return taskInfo(t, kind, formCard(kind, t, values, hidden));
}

/**
 * composeExtension/submitAction: saves a form (the confirmation, or the form again with its
 * errors), runs a card button's command inside the dialog, or closes it.
 */
export async function onSubmitAction(context: TurnContext, deps: TeamsDependencies, data: Record<string, unknown>): Promise<TaskModuleTaskInfo | string | undefined> {
  if (data.verb === CLOSE_VERB) return undefined;
  const action = (context.activity.value ?? {}) as MessagingExtensionAction;
  const kind = formKindOf(data.form);
  let turn: TeamsTurn | undefined;
  let claimed = false;
  try {
    turn = await resolveTurn(context, deps);
    if (data.verb === SUBMIT_VERB) return await runInDialog(context, turn, data as unknown as SubmitData);
    if (data.verb !== FORM_VERB || !kind) return turn.t('teams.errors.unknownAction');

    claimed = await claimDelivery(deps.db, context.activity);
    if (!claimed) return turn.t('teams.forms.alreadySaved');
    const values = submittedValues(kind, data);
    const hidden = hiddenDataOf(data);
    const outcome = await submitForm(turn, kind, values, hidden);
    turn.logger.info({ command: action.commandId ?? `form:${kind}`, saved: outcome.ok }, 'Teams message-extension form submitted');
    if (!outcome.ok) await releaseDelivery(deps.db, context.activity);
    return taskInfo(turn.t, kind, outcome.ok ? confirmationCard(turn.t, outcome.message, { closable: true }) : formCard(kind, turn.t, values, hidden, outcome.errors));
  } catch (error) {
    logFailure(turn?.logger ?? deps.logger, error, { command: action.commandId ?? `form:${kind ?? 'unknown'}` });
    if (claimed) await releaseDelivery(deps.db, context.activity).catch(() => undefined);
    const t = translatorFor(context, deps, turn);
    if (!kind) return describeError(error, t);
    return taskInfo(t, kind, formCard(kind, t, submittedValues(kind, data), hiddenDataOf(data), { form: describeError(error, t) }));
  }
}

/** Runs a button in the dialog (such as "did you mean"): its command's reply or form replaces the dialog. */
async function runInDialog(context: TurnContext, turn: TeamsTurn, data: SubmitData): Promise<TaskModuleTaskInfo> {
  const answer = await answerCommand(context, turn, String(data.value ?? ''), new MentionDirectory());
  turn.logger.info({ command: answer.verb ?? 'unparsed', action: data.actionId }, 'Teams dialog action handled');
  return { title: answer.summary.slice(0, 80), card: CardFactory.adaptiveCard(answer.card), width: 'medium', height: 'large' };
}
