// Submissions of the four modals. Wrong fields get a translated error under the input
// (response_action "errors"), and a saved form turns into a confirmation. Slack waits 3 seconds
// for the response, so a slow save shows "saving…" first and updates the modal when done.
import type { App, ViewSubmitAction, ViewOutput } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import {
  submitContactForm,
  submitInfluenceForm,
  submitInteractionForm,
  submitRelationshipForm,
  type FormKind,
  type FormOutcome,
} from '../../app/commands/index.js';
import { describeError } from '../../app/error-reply.js';
import { AppError } from '../../app/errors.js';
import { translator } from '../../i18n/index.js';
import { decodeOrigin, FORM_CALLBACK_PREFIX, statusView, type ModalOrigin } from '../modals/forms.js';
import { choiceIn, choicesIn, contactFormOf, dateOf, influenceFormOf, relationshipFormOf, selectedOf, textOf, usersOf, type ViewState } from '../modals/state.js';
import type { SlackSession } from '../session.js';
import { reportFailure, requestLog, scopeOf, type SlackDeps } from '../surface.js';
import { publishHome } from './home.js';

// Slack drops a view_submission response after 3 seconds; this deadline leaves room for the network.
const ANSWER_DEADLINE_MS = 2_500;

export type Ack = (response?: Record<string, unknown>) => Promise<void>;

export function registerForms(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: new RegExp(`^${FORM_CALLBACK_PREFIX}`) }, async (args) => {
    const kind = args.view.callback_id.slice(FORM_CALLBACK_PREFIX.length) as FormKind;
    await answerSubmission(deps, args, {
      logName: `form:${kind}`,
      titleKey: `slack.forms.${kind}.title`,
      origin: decodeOrigin(args.view.private_metadata),
      submit: (session) => submitForm(deps, kind, session, args.client, args.view),
    });
  });
}

export interface SubmissionArgs {
  ack: unknown;
  body: ViewSubmitAction;
  view: ViewOutput;
  client: WebClient;
  context: Parameters<typeof scopeOf>[1];
}

export interface Submission {
  /** Name of the form in the log, such as "form:contact". */
  logName: string;
  /** Translation key of the modal's title. */
  titleKey: string;
  origin: ModalOrigin;
  submit(session: SlackSession): Promise<FormOutcome>;
}

/**
 * Answers a modal submission: wrong fields show under their inputs, a saved form turns into its
 * confirmation, and a failure keeps what the user typed so they can submit again.
 */
export async function answerSubmission(deps: SlackDeps, args: SubmissionArgs, submission: Submission): Promise<void> {
  const { body, view, client, context } = args;
  const scope = scopeOf(client, context, body.user.id, body.user.name);
  const log = requestLog(context, body.user.id, submission.logName);
  let locale = deps.sessions.knownLocale(scope.organisation, scope.userId);
  const answer = deadlineAnswer(args.ack as Ack, () => {
    const t = translator(locale);
    return { response_action: 'update', view: statusView(t, t(submission.titleKey), t('slack.status.saving'), { closable: false }) };
  });

  try {
    const session = await deps.sessions.open(scope);
    locale = session.locale;
    const outcome = await submission.submit(session);
    const t = session.t;
    if (!outcome.ok) {
      const sentInline = await answer.send({ response_action: 'errors', errors: outcome.errors });
      if (!sentInline) await updateView(deps, client, view.id, statusView(t, t('slack.status.failedTitle'), Object.values(outcome.errors).join('\n')));
      deps.logger.info({ ...log, fields: Object.keys(outcome.errors) }, 'Slack form rejected');
      return;
    }
    const done = statusView(t, t(submission.titleKey), outcome.message);
    if (!(await answer.send({ response_action: 'update', view: done }))) await updateView(deps, client, view.id, done);
    deps.logger.info(log, 'Slack form saved');
    if (submission.origin.source === 'home') await publishHome(deps, client, scope).catch((error: unknown) => deps.logger.warn({ ...log, err: error }, 'Slack Home refresh failed'));
  } catch (error) {
    const message = reportFailure(deps, error, log, locale);
    // Keep what the user typed: the failure shows under the first input, and they can submit again.
    const firstInput = view.blocks.find((block) => block.type === 'input')?.block_id;
    const inline = firstInput ? await answer.send({ response_action: 'errors', errors: { [firstInput]: message } }) : false;
    if (!inline) {
      const t = translator(locale);
      await updateView(deps, client, view.id, statusView(t, t('slack.status.failedTitle'), message));
    }
  } finally {
    answer.cancel();
  }
}

/** Acknowledges once: with the real response if it comes in time, else with a holding view at the deadline. */
export function deadlineAnswer(ack: Ack, holding: () => Record<string, unknown>) {
  let sent = false;
  const timer = setTimeout(() => {
    if (sent) return;
    sent = true;
    void ack(holding());
  }, ANSWER_DEADLINE_MS);
  return {
    /** Sends the response; returns false when the holding view went first. */
    async send(response: Record<string, unknown>): Promise<boolean> {
      if (sent) return false;
      sent = true;
      clearTimeout(timer);
      await ack(response);
      return true;
    },
    cancel() {
      clearTimeout(timer);
      if (!sent) {
        sent = true;
        void ack();
      }
    },
  };
}

export async function updateView(deps: SlackDeps, client: WebClient, viewId: string, view: ReturnType<typeof statusView>): Promise<void> {
  await client.views.update({ view_id: viewId, view }).catch((error: unknown) => deps.logger.warn({ err: error, viewId }, 'Slack views.update failed'));
}

async function submitForm(deps: SlackDeps, kind: FormKind, session: SlackSession, client: WebClient, view: ViewOutput): Promise<FormOutcome> {
  const state = view.state.values as ViewState;
  switch (kind) {
    case 'relationship':
      return submitRelationshipForm(session.ctx, session.t, relationshipFormOf(state));
    case 'contact':
      return submitContactForm(session.ctx, session.t, contactFormOf(state));
    case 'influence':
      return submitInfluenceForm(session.ctx, session.t, influenceFormOf(state));
    case 'interaction': {
      const memberIds = await membersOf(deps, session, client, usersOf(state, 'members'));
      if (!Array.isArray(memberIds)) return memberIds;
      return submitInteractionForm(session.ctx, session.t, {
        ...(choiceIn(state, 'account') && { account: choiceIn(state, 'account')! }),
        contacts: choicesIn(state, 'contacts'),
        memberIds,
        ...(dateOf(state, 'occurredOn') && { occurredOn: dateOf(state, 'occurredOn')! }),
        ...(selectedOf(state, 'channel') && { channel: selectedOf(state, 'channel')! }),
        ...(textOf(state, 'note') && { note: textOf(state, 'note')! }),
        ...(textOf(state, 'messageLink') && { messageLink: textOf(state, 'messageLink')! }),
      });
    }
  }
}

/** Returns the members behind the Slack users picked in the form, registering them on first use. */
async function membersOf(deps: SlackDeps, session: SlackSession, client: WebClient, userIds: string[]): Promise<string[] | FormOutcome> {
  const ids: string[] = [];
  for (const userId of userIds) {
    try {
      ids.push((await deps.sessions.memberFor(session.tenant, client, userId)).id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { ok: false, errors: { members: describeError(error, session.t) } };
    }
  }
  return ids;
}

