// Slack request bodies built from the recorded payloads in test/slack/fixtures.
import { fixtureJson, fixtureText, withIds, type TestIds } from './harness.js';

export const USER = 'W111';

/** Builds a /o2o slash command, form-encoded like the recorded one. */
export function slashCommand(ids: TestIds, text: string, options: { user?: string; userName?: string; responseUrl: string; triggerId?: string; channel?: string }): string {
  const form = new URLSearchParams(withIds(fixtureText('slash_command_form-urlencoded.txt').trim(), ids));
  form.set('command', '/o2o');
  form.set('text', text);
  form.set('response_url', options.responseUrl);
  form.set('user_id', options.user ?? USER);
  if (options.userName) form.set('user_name', options.userName);
  if (options.triggerId) form.set('trigger_id', options.triggerId);
  if (options.channel) form.set('channel_id', options.channel);
  // A workspace-level install: the recorded command comes from an organisation member.
  form.delete('enterprise_id');
  form.delete('enterprise_name');
  return form.toString();
}

function interactivity(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Builds a button click on one of o2o's messages (or on the Home tab with `inView`). */
export function buttonClick(ids: TestIds, action: { action_id: string; value: string }, options: { user?: string; responseUrl?: string; inView?: boolean; channel?: string }): string {
  const body = fixtureJson('block_actions_button_in_message.json', ids);
  body.team = { id: ids.team, domain: 'workspace-domain' };
  body.user.id = options.user ?? USER;
  body.user.team_id = ids.team;
  body.actions = [{ ...body.actions[0], action_id: action.action_id, value: action.value, block_id: 'b' }];
  if (options.inView) {
    body.container = { type: 'view', view_id: 'VHOME' };
    delete body.response_url;
    delete body.channel;
    body.view = { id: 'VHOME', type: 'home' };
  } else if (options.responseUrl) {
    body.response_url = options.responseUrl;
  }
  if (options.channel && !options.inView) {
    body.channel = { id: options.channel, name: 'deals' };
    body.container = { ...body.container, channel_id: options.channel };
  }
  return interactivity(body);
}

/** A modal submission: the recorded envelope with o2o's callback id, inputs and state. */
export function viewSubmission(ids: TestIds, view: { callback_id: string; values: Record<string, Record<string, unknown>>; private_metadata?: string; blockIds?: string[] }, options: { user?: string } = {}): string {
  const body = fixtureJson('view_submission_modal_input.json', ids);
  body.team = { id: ids.team, domain: 'workspace-domain' };
  body.user.id = options.user ?? USER;
  body.user.team_id = ids.team;
  body.view.callback_id = view.callback_id;
  body.view.private_metadata = view.private_metadata ?? JSON.stringify({ source: 'command' });
  body.view.state = { values: view.values };
  body.view.blocks = (view.blockIds ?? Object.keys(view.values)).map((blockId) => ({ type: 'input', block_id: blockId, label: { type: 'plain_text', text: blockId }, element: { type: 'plain_text_input', action_id: blockId } }));
  return interactivity(body);
}

/** Builds a message shortcut on `message`, on the recorded shortcut envelope. */
export function messageShortcut(ids: TestIds, callbackId: string, message: Record<string, unknown>, options: { user?: string; responseUrl: string; channel?: string }): string {
  const body = fixtureJson('shortcut_global.json', ids);
  body.type = 'message_action';
  body.callback_id = callbackId;
  body.team = { id: ids.team, domain: 'workspace-domain' };
  body.user = { id: options.user ?? USER, name: 'primary-owner', team_id: ids.team };
  body.channel = { id: options.channel ?? 'C111', name: 'deals' };
  body.message_ts = message.ts;
  body.message = message;
  body.response_url = options.responseUrl;
  return interactivity(body);
}

/** Builds a typeahead request of an external select in a modal. */
export function optionsRequest(ids: TestIds, actionId: string, value: string, state: Record<string, unknown> = {}, options: { user?: string; callbackId?: string; privateMetadata?: string } = {}): string {
  return interactivity({
    type: 'block_suggestion',
    user: { id: options.user ?? USER, name: 'primary-owner', team_id: ids.team },
    team: { id: ids.team, domain: 'workspace-domain' },
    api_app_id: 'A111',
    token: 'verification_token',
    action_id: actionId,
    block_id: actionId,
    value,
    container: { type: 'view', view_id: 'V1' },
    view: { id: 'V1', type: 'modal', callback_id: options.callbackId ?? 'o2o:form:relationship', state: { values: state }, ...(options.privateMetadata && { private_metadata: options.privateMetadata }) },
  });
}

/** Builds an Events API envelope, org-wide like the recorded one when `enterprise` is set. */
export function eventCallback(ids: TestIds, event: Record<string, unknown>, options: { eventId: string; enterprise?: boolean }): string {
  const body = fixtureJson('app_home_opened_event_callback_org_install_messages_tab.json', ids);
  body.event = event;
  body.event_id = options.eventId;
  if (!options.enterprise) {
    body.enterprise_id = null;
    body.authorizations = [{ enterprise_id: null, team_id: ids.team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }];
  }
  return JSON.stringify(body);
}

/** Builds the recorded app_home_opened envelope, on the tab given. */
export function appHomeOpened(ids: TestIds, tab: 'home' | 'messages', options: { eventId: string; user?: string; enterprise?: boolean }): string {
  const body = fixtureJson('app_home_opened_event_callback_org_install_messages_tab.json', ids);
  body.event.tab = tab;
  body.event.user = options.user ?? USER;
  body.event_id = options.eventId;
  if (!options.enterprise) {
    body.enterprise_id = null;
    body.authorizations = [{ enterprise_id: null, team_id: ids.team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }];
  }
  return JSON.stringify(body);
}
