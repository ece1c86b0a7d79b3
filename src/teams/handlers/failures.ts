// One error policy for every Teams handler. The user gets a translated sentence that explains what
// failed and what to do. The log gets the details (tenant, user, command) and never a message body.
import type { TurnContext } from 'botbuilder';

import { errorReply } from '../../app/error-reply.js';
import { AppError, isStoreUnavailable } from '../../app/errors.js';
import type { Logger } from '../../config/logger.js';
import { translator, type Translate } from '../../i18n/index.js';
import { tenantIdOf } from '../activity.js';
import { sendReply } from '../send.js';
import { activityLocale, type TeamsDependencies, type TeamsTurn } from '../turn.js';

export interface FailureFields {
  /** The request handled: a command verb, a form, an extension command. */
  command?: string | undefined;
}

/** Logs a failure at the level it deserves: a refused input is routine, anything else an error. */
export function logFailure(logger: Logger, error: unknown, fields: FailureFields): void {
  if (error instanceof AppError) {
    logger.info({ code: error.code, messageKey: error.messageKey, ...fields }, 'Teams request rejected: invalid input');
  } else if (isStoreUnavailable(error)) {
    logger.error({ err: error, ...fields }, 'store unavailable: the Teams request saved nothing');
  } else {
    logger.error({ err: error, ...fields }, 'Teams request failed');
  }
}

/** Returns the translator of a turn, or of the activity's language when the turn could not be resolved. */
export function translatorFor(context: TurnContext, deps: TeamsDependencies, turn: TeamsTurn | undefined): Translate {
  return turn?.t ?? translator(activityLocale(context, deps.defaultLocale));
}

/** Logs a failure and replies to the user, in the conversation, that nothing was done. */
export async function answerFailure(context: TurnContext, deps: TeamsDependencies, turn: TeamsTurn | undefined, error: unknown, fields: FailureFields): Promise<void> {
  const logger = turn?.logger ?? deps.logger.child({ entraTenant: tenantIdOf(context.activity) ?? null, aadUser: context.activity.from?.aadObjectId ?? null });
  logFailure(logger, error, fields);
  try {
    await sendReply(context, errorReply(error, translatorFor(context, deps, turn)), translatorFor(context, deps, turn));
  } catch (sendError) {
    logger.error({ err: sendError, ...fields }, 'the error message could not be sent to Teams either');
  }
}
