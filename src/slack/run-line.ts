// Runs one command line for Slack, from /o2o or from a button, and responds through the
// response_url: an ephemeral reply with "show more" and "share" buttons, or a modal for forms.
import type { RespondArguments, RespondFn, types } from '@slack/bolt';

import { executeCommand, formatCommand, parseCommand, parseFailureReply, type Command, type CommandEnvironment, type FormRequest } from '../app/commands/index.js';
import { resolveDeal } from '../app/deals/lookup.js';
import type { Reply } from '../app/reply.js';
import type { Translate } from '../i18n/index.js';
import { recordCommand } from '../server/metrics.js';
import { committeeFormFor } from './handlers/deal-forms.js';
import { COMMITTEE_FORM_ACTION } from './handlers/record-actions.js';
import { plain } from './modals/elements.js';
import { formView, type ModalOrigin } from './modals/forms.js';
import { renderMessage, type SlackBlock } from './render/blocks.js';
import { sharePicture } from './picture.js';
import { escapeMrkdwn } from './render/mrkdwn.js';
import type { RequestScope, SlackSession } from './session.js';
import { openLoadingView, reportFailure, showInView, type RequestLog, type SlackDeps } from './surface.js';

export interface LineRequest {
  scope: RequestScope;
  line: string;
  /** Sends replies; without it (a Home tab button), replies show in a modal. */
  respond?: RespondFn;
  origin: ModalOrigin;
  /** Present when the request may open a modal (slash commands and button clicks). */
  triggerId?: string;
  /** Zero-based page of a long reply. */
  part?: number;
  /** Post the reply in the conversation for everyone, as an anonymous viewer would see it. */
  share?: boolean;
  /** Log name of the request when the line does not parse, such as "share". */
  label?: string;
}

/** Returns whether a command will reply with a form, known before any lookup. */
export function mayOpenForm(command: Command): boolean {
  switch (command.verb) {
    case 'log':
      return true;
    case 'contact-add':
      return !command.name || !command.account;
    case 'know':
      return !command.person || command.strength === undefined;
    case 'influence':
      return !command.from || !command.to;
    case 'deal':
      return Boolean(command.committeeForm);
    default:
      return false;
  }
}

/** Returns the date of `when` (default now) in a time zone as YYYY-MM-DD, in UTC when the zone is unknown. */
export function todayIn(timeZone: string | null | undefined, when = new Date()): string {
  const now = Number.isNaN(when.getTime()) ? new Date() : when;
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** Fills what a form can know from the session: the user takes part, today is the date. */
export function withSessionDefaults(request: FormRequest, session: SlackSession, userId: string): FormRequest {
  if (request.form !== 'interaction') return request;
  const memberUserIds = [userId, ...(request.draft.memberUserIds ?? [])];
  return { form: 'interaction', draft: { occurredOn: todayIn(session.member.timeZone), ...request.draft, memberUserIds } };
}

export async function runLine(deps: SlackDeps, request: LineRequest): Promise<void> {
  const started = Date.now();
  const parsed = parseCommand(request.line);
  const log: RequestLog = {
    team: request.scope.organisation.teamId ?? undefined,
    enterprise: request.scope.organisation.enterpriseId ?? undefined,
    user: request.scope.userId,
    command: request.label ?? (parsed.ok ? parsed.command.verb : 'invalid'),
  };
  let locale = deps.sessions.knownLocale(request.scope.organisation, request.scope.userId);
  let loadingViewId: string | undefined;
  let outcome: 'ok' | 'error' = 'ok';

  try {
    const answersInView = !request.respond;
    if (request.triggerId && ((parsed.ok && mayOpenForm(parsed.command)) || answersInView)) {
      loadingViewId = await openLoadingView(request.scope.client, request.triggerId, locale);
    }
    const session = await deps.sessions.open(request.scope);
    locale = session.locale;

    if (!parsed.ok) {
      await deliver(deps, request, loadingViewId, session.t, renderReply(parseFailureReply(session.commands, parsed.failure), session, request, undefined, false));
    } else {
      await answerCommand(deps, request, session, parsed.command, loadingViewId);
    }
  } catch (error) {
    outcome = 'error';
    const message = reportFailure(deps, error, log, locale);
    if (loadingViewId) await showInView(deps, request.scope.client, loadingViewId, locale, message);
    if (request.respond) {
      await request.respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(message) }).catch((sendError: unknown) => {
        deps.logger.warn({ ...log, err: sendError }, 'Slack response_url post failed');
      });
    }
  }
  recordCommand('slack', parsed.ok ? parsed.command.verb : undefined, outcome, (Date.now() - started) / 1000);
  deps.logger.info({ ...log, durationMs: Date.now() - started }, 'Slack command handled');
}

async function answerCommand(deps: SlackDeps, request: LineRequest, session: SlackSession, command: Command, loadingViewId: string | undefined): Promise<void> {
  if (command.verb === 'deal' && command.committeeForm && command.action.action === 'show') {
    const { deal, account } = command.action;
    const view = await committeeFormFor(session, { name: deal, ...(account && { account }) }, request.origin);
    await openView(deps, request, session, loadingViewId, view);
    return;
  }

  const result = await executeCommand(commandEnvironment(session, request, command), command);
  if (result.kind === 'form') {
    await openForm(deps, request, session, loadingViewId, withSessionDefaults(result.request, session, request.scope.userId));
    return;
  }
  if (result.file) {
    const notPosted = await sharePicture(request.scope, request.origin.channel, result.reply, result.file, session.t);
    if (notPosted) await deliver(deps, request, loadingViewId, session.t, renderReply(notPosted, session, request, undefined, false));
    return;
  }
  const reply = await withCommitteeButton(session, command, result.reply);
  const message = renderReply(reply, session, request, formatCommand(command), result.shareable);
  if (loadingViewId && request.respond) await showInView(deps, request.scope.client, loadingViewId, session.locale, reply.text, 'slack.status.answerTitle');
  await deliver(deps, request, loadingViewId, session.t, message);
}

/**
 * Builds the command environment of a request. A shared reply, and a power map posted in the
 * channel, show what an anonymous viewer sees, because everyone in the conversation sees them.
 */
function commandEnvironment(session: SlackSession, request: LineRequest, command: Command): CommandEnvironment {
  const channel = request.origin.channel;
  // Direct-message channel ids start with D; digests posted there are personal.
  const conversation = channel ? { conversation: { platform: 'slack' as const, channelId: channel, personal: channel.startsWith('D') } } : {};
  if (request.share || command.verb === 'map') return { ...session.commands, ...conversation, ctx: { ...session.ctx, actor: null } };
  return { ...session.commands, ...conversation };
}

/** Adds an "edit the buying committee" button under a deal shown to its user. */
async function withCommitteeButton(session: SlackSession, command: Command, reply: Reply): Promise<Reply> {
  if (command.verb !== 'deal' || command.action.action !== 'show' || reply.error) return reply;
  const { deal, account } = command.action;
  const resolved = await resolveDeal(session.ctx, deal, account ? { account } : {});
  const action = { id: COMMITTEE_FORM_ACTION, label: session.t('slack.dealForms.committee.edit'), value: resolved.id };
  return { ...reply, blocks: [...reply.blocks, { type: 'actions', actions: [action] }] };
}

async function openForm(deps: SlackDeps, request: LineRequest, session: SlackSession, viewId: string | undefined, form: FormRequest): Promise<void> {
  await openView(deps, request, session, viewId, formView(form, session.t, request.origin));
}

async function openView(deps: SlackDeps, request: LineRequest, session: SlackSession, viewId: string | undefined, view: types.ModalView): Promise<void> {
  if (viewId) {
    await request.scope.client.views.update({ view_id: viewId, view });
    return;
  }
  if (request.triggerId) {
    await request.scope.client.views.open({ trigger_id: request.triggerId, view });
    return;
  }
  // Shared replies and pages have no trigger, so the reply says how to open the form instead.
  await deliver(deps, request, undefined, session.t, { response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(session.t('slack.errors.formNeedsCommand')) });
}

function renderReply(reply: Reply, session: SlackSession, request: LineRequest, line: string | undefined, shareable: boolean): RespondArguments {
  if (request.share) {
    const rendered = renderMessage(reply, { t: session.t, part: request.part ?? 0 });
    const sharedBy = { type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: session.t('slack.message.sharedBy', { user: `<@${request.scope.userId}>` }) }] };
    return { response_type: 'in_channel', replace_original: false, text: rendered.text, blocks: [...rendered.blocks, sharedBy] };
  }
  const rendered = renderMessage(reply, { t: session.t, ...(line && { line }), part: request.part ?? 0, shareable });
  return { response_type: 'ephemeral', replace_original: false, text: rendered.text, blocks: rendered.blocks };
}

/** Sends a reply to the response_url, or into the open modal when there is none. */
async function deliver(deps: SlackDeps, request: LineRequest, viewId: string | undefined, t: Translate, message: RespondArguments): Promise<void> {
  if (request.respond) {
    await request.respond(message);
    return;
  }
  if (!viewId) {
    deps.logger.warn({ user: request.scope.userId }, 'Slack reply dropped: no response_url and no open modal');
    return;
  }
  const sent = (message as { blocks?: SlackBlock[] }).blocks ?? [{ type: 'section', text: { type: 'mrkdwn', text: message.text ?? '' } }];
  const blocks = sent.filter((block) => block.type !== 'actions');
  await request.scope.client.views.update({
    view_id: viewId,
    view: { type: 'modal', title: plain(t('slack.status.answerTitle'), 24), close: plain(t('slack.forms.close'), 24), blocks },
  });
}
