// The two message shortcuts: "Log interaction from this message" and "Add contact from this
// message". Both open a loading modal at once, read the message, then fill the form in.
import type { App, MessageShortcut } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import { accountChoiceFor, type ContactDraft, type InteractionDraft } from '../../app/commands/index.js';
import { parseSignature, toPlainText } from '../../app/signature.js';
import { readMessage, nameMentions } from '../message-content.js';
import { formView, type ModalOrigin } from '../modals/forms.js';
import { todayIn } from '../run-line.js';
import type { RequestScope, SlackSession } from '../session.js';
import { openLoadingView, reportFailure, requestLog, scopeOf, showInView, type SlackDeps } from '../surface.js';

export const LOG_INTERACTION_SHORTCUT = 'o2o_log_interaction';
export const ADD_CONTACT_SHORTCUT = 'o2o_add_contact';

// Users looked up to name a message's mentions; more are left as ids.
const MAX_NAMED_USERS = 10;
// The note input of the interaction modal accepts at most 3,000 characters.
const MAX_NOTE = 3_000;

interface ReadUser {
  name: string;
  email?: string;
  external: boolean;
}

type Handler = (deps: SlackDeps, session: SlackSession, shortcut: MessageShortcut, client: WebClient, scope: RequestScope) => Promise<ReturnType<typeof formView>>;

function register(app: App, deps: SlackDeps, callbackId: string, handler: Handler): void {
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: callbackId }, async ({ ack, shortcut, client, context }) => {
    await ack();
    const scope = scopeOf(client, context, shortcut.user.id, shortcut.user.name);
    const log = requestLog(context, shortcut.user.id, callbackId);
    let locale = deps.sessions.knownLocale(scope.organisation, scope.userId);
    let viewId: string | undefined;
    try {
      viewId = await openLoadingView(client, shortcut.trigger_id, locale);
      const session = await deps.sessions.open(scope);
      locale = session.locale;
      const view = await handler(deps, session, shortcut, client, scope);
      await client.views.update({ view_id: viewId, view });
      deps.logger.info(log, 'Slack shortcut handled');
    } catch (error) {
      const message = reportFailure(deps, error, log, locale);
      if (viewId) await showInView(deps, client, viewId, locale, message);
    }
  });
}

export function registerShortcuts(app: App, deps: SlackDeps): void {
  register(app, deps, LOG_INTERACTION_SHORTCUT, logInteractionView);
  register(app, deps, ADD_CONTACT_SHORTCUT, addContactView);
}

function originOf(shortcut: MessageShortcut): ModalOrigin {
  return { source: 'shortcut', channel: shortcut.channel.id, responseUrl: shortcut.response_url };
}

/** Profiles of the message's author and mentioned users; bots and unreadable users are left out. */
async function readUsers(deps: SlackDeps, client: WebClient, scope: RequestScope, userIds: string[]): Promise<Map<string, ReadUser>> {
  const users = new Map<string, ReadUser>();
  const profiles = await Promise.all(userIds.slice(0, MAX_NAMED_USERS).map((userId) => deps.sessions.profileOf(client, scope.organisation, userId)));
  profiles.forEach((profile, index) => {
    if (profile) users.set(userIds[index]!, { name: profile.name, ...(profile.email && { email: profile.email }), external: Boolean(profile.external) });
  });
  return users;
}

async function permalinkOf(deps: SlackDeps, client: WebClient, shortcut: MessageShortcut): Promise<string | undefined> {
  try {
    const { permalink } = await client.chat.getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts });
    return permalink;
  } catch (error) {
    deps.logger.warn({ err: error, channel: shortcut.channel.id }, 'Slack chat.getPermalink failed');
    return undefined;
  }
}

/** Builds the interaction modal, prefilled with the message's text, link, date, author and mentions. */
async function logInteractionView(deps: SlackDeps, session: SlackSession, shortcut: MessageShortcut, client: WebClient, scope: RequestScope) {
  const content = readMessage(shortcut.message);
  const people = [...(content.authorUserId ? [content.authorUserId] : []), ...content.mentionedUserIds];
  const [users, permalink] = await Promise.all([readUsers(deps, client, scope, [...new Set(people)]), permalinkOf(deps, client, shortcut)]);

  const names = new Map([...users].map(([id, user]) => [id, user.name]));
  const text = toPlainText(nameMentions(content.text, names)).trim();
  const author = content.authorUserId ? names.get(content.authorUserId) : content.botName;
  const note = author && text ? `${author}: ${text}` : text;
  // Our own people take part; guests from other organisations are customers, not members.
  const memberUserIds = [...users].filter(([, user]) => !user.external).map(([id]) => id);

  const draft: InteractionDraft = {
    memberUserIds: [scope.userId, ...memberUserIds.filter((id) => id !== scope.userId)],
    occurredOn: todayIn(session.member.timeZone, new Date(Number(shortcut.message.ts) * 1000)),
    channel: 'chat',
    ...(note && { note: note.slice(0, MAX_NOTE) }),
    ...(permalink && { messageLink: permalink }),
  };
  return formView({ form: 'interaction', draft }, session.t, originOf(shortcut));
}

/** Builds the contact modal, prefilled from the signature-like text of the message, else from a guest author. */
async function addContactView(deps: SlackDeps, session: SlackSession, shortcut: MessageShortcut, client: WebClient, scope: RequestScope) {
  const content = readMessage(shortcut.message);
  const users = await readUsers(deps, client, scope, content.mentionedUserIds.concat(content.authorUserId ?? []));
  const names = new Map([...users].map(([id, user]) => [id, user.name]));
  const fields = parseSignature(nameMentions(content.text, names));

  const author = content.authorUserId ? users.get(content.authorUserId) : undefined;
  const fromGuest = !fields.name && author?.external ? author : undefined;
  const name = fields.name ?? fromGuest?.name;
  const email = fields.email ?? fromGuest?.email;
  const account = await accountChoiceFor(session.ctx, fields.company);

  const draft: ContactDraft = {
    ...(account && { account }),
    ...(name && { name }),
    ...(fields.title && { title: fields.title }),
    ...(email && { email }),
    ...(fields.phone && { phone: fields.phone }),
  };
  return formView({ form: 'contact', draft }, session.t, originOf(shortcut));
}
