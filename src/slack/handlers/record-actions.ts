// Buttons whose value carries record ids rather than a command line: the answers of update
// requests, and the assign, log-result, power-map and edit-committee buttons of deal replies and
// digests. A recorded answer replaces the question message; other replies go to the clicker only.
import type { RespondArguments, RespondFn, types } from '@slack/bolt';

import { handleJobsAction } from '../../app/commands/jobs.js';
import { OUTREACH_ASSIGN_ACTION, OUTREACH_LOG_ACTION, POWER_MAP_ACTION } from '../../app/deals/actions.js';
import { handleDealAction } from '../../app/deals/commands.js';
import { ANSWER_ACTION, DETAILS_ACTION } from '../../app/present/update-request.js';
import type { Reply } from '../../app/reply.js';
import { formView, type ModalOrigin } from '../modals/forms.js';
import { sharePicture } from '../picture.js';
import { renderMessage } from '../render/blocks.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import type { RequestScope, SlackSession } from '../session.js';
import { openLoadingView, reportFailure, showInView, type RequestLog, type SlackDeps } from '../surface.js';
import { committeeFormFor, outreachFormFor } from './deal-forms.js';

/** Opens the committee form of the deal whose id the button carries (on "deal show" replies). */
export const COMMITTEE_FORM_ACTION = 'deal.committee.form';

export const RECORD_ACTIONS: ReadonlySet<string> = new Set([ANSWER_ACTION, DETAILS_ACTION, OUTREACH_ASSIGN_ACTION, OUTREACH_LOG_ACTION, POWER_MAP_ACTION, COMMITTEE_FORM_ACTION]);
// Buttons that open a modal: the modal opens at once, as a trigger_id works for 3 seconds only.
const OPENS_MODAL = new Set([DETAILS_ACTION, OUTREACH_LOG_ACTION, COMMITTEE_FORM_ACTION]);

export interface RecordActionRequest {
  scope: RequestScope;
  /** The reply action's id, such as "deal.outreach.assign". */
  actionId: string;
  value: string;
  /** Posts to the clicked message's response_url; unset for buttons outside messages. */
  respond?: RespondFn;
  triggerId?: string;
  origin: ModalOrigin;
}

/** How to answer a click: in place of the clicked message, to the clicker, or in the open modal. */
interface Answer {
  replace(reply: Reply): Promise<void>;
  reply(reply: Reply): Promise<void>;
  modal(view: types.ModalView): Promise<void>;
}

export async function runRecordAction(deps: SlackDeps, request: RecordActionRequest): Promise<void> {
  const started = Date.now();
  const log: RequestLog = { team: request.scope.organisation.teamId ?? undefined, enterprise: request.scope.organisation.enterpriseId ?? undefined, user: request.scope.userId, command: request.actionId };
  let locale = deps.sessions.knownLocale(request.scope.organisation, request.scope.userId);
  let viewId: string | undefined;

  try {
    if (OPENS_MODAL.has(request.actionId) && request.triggerId) viewId = await openLoadingView(request.scope.client, request.triggerId, locale);
    const session = await deps.sessions.open(request.scope);
    locale = session.locale;
    const handled = await dispatch(deps, request, session, answerOf(deps, request, session, viewId));
    if (!handled) deps.logger.warn(log, 'Slack button with an unreadable value ignored');
  } catch (error) {
    const message = reportFailure(deps, error, log, locale);
    if (viewId) await showInView(deps, request.scope.client, viewId, locale, message);
    else await request.respond?.({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(message) }).catch((sendError: unknown) => deps.logger.warn({ ...log, err: sendError }, 'Slack response_url post failed'));
  }
  deps.logger.info({ ...log, durationMs: Date.now() - started }, 'Slack button handled');
}

/** Runs the button; returns false when its value is not one this action reads. */
async function dispatch(deps: SlackDeps, request: RecordActionRequest, session: SlackSession, answer: Answer): Promise<boolean> {
  const { actionId, value } = request;
  switch (actionId) {
    case ANSWER_ACTION:
    case DETAILS_ACTION: {
      const result = await handleJobsAction({ ctx: session.ctx, t: session.t }, actionId, value);
      if (!result) return false;
      if (result.kind === 'replace') await answer.replace(result.reply);
      else if (result.kind === 'reply') await answer.reply(result.reply);
      else await answer.modal(formView(result.request, session.t, request.origin));
      return true;
    }
    case OUTREACH_ASSIGN_ACTION: {
      const result = await handleDealAction(session.ctx, actionId, value);
      if (result) await answer.reply(result.reply);
      return result !== null;
    }
    case POWER_MAP_ACTION: {
      // The map is posted for everyone in the conversation, so it shows what anyone may see.
      const result = await handleDealAction({ ...session.ctx, actor: null }, actionId, value);
      if (!result) return false;
      const notPosted = result.file ? await sharePicture(request.scope, request.origin.channel, result.reply, result.file, session.t) : result.reply;
      if (notPosted) await answer.reply(notPosted);
      else deps.logger.info({ user: request.scope.userId, channel: request.origin.channel }, 'Slack power map posted');
      return true;
    }
    case OUTREACH_LOG_ACTION:
      await answer.modal(await outreachFormFor(session, value, request.origin));
      return true;
    case COMMITTEE_FORM_ACTION:
      await answer.modal(await committeeFormFor(session, { id: value }, request.origin));
      return true;
    default:
      return false;
  }
}

function answerOf(deps: SlackDeps, request: RecordActionRequest, session: SlackSession, viewId: string | undefined): Answer {
  const { t } = session;
  const send = async (message: RespondArguments, reply: Reply) => {
    if (request.respond) await request.respond(message);
    else if (viewId) await showInView(deps, request.scope.client, viewId, session.locale, reply.text, 'slack.status.answerTitle');
    else deps.logger.warn({ user: request.scope.userId, action: request.actionId }, 'Slack reply dropped: no response_url and no open modal');
  };
  return {
    async replace(reply) {
      const rendered = renderMessage(reply, { t });
      await send({ replace_original: true, text: rendered.text, blocks: rendered.blocks }, reply);
    },
    async reply(reply) {
      const rendered = renderMessage(reply, { t });
      await send({ response_type: 'ephemeral', replace_original: false, text: rendered.text, blocks: rendered.blocks }, reply);
    },
    async modal(view) {
      if (viewId) await request.scope.client.views.update({ view_id: viewId, view });
      else if (request.triggerId) await request.scope.client.views.open({ trigger_id: request.triggerId, view });
    },
  };
}
