// Sends write commands as Slack and Teams do, and reads the reply the user sees. A signed `/o2o`
// slash command gets its reply on its response URL, and a Teams message activity (local mode) gets
// its reply at the fake Bot Connector.
import { createHmac, randomUUID } from 'node:crypto';

import { translator } from '../../src/i18n/index.js';
import type { FakeConnector } from '../teams/helpers/fake-connector.js';
import { SLACK_USER, type FaultSlack } from './fake-slack.js';
import type { Replica } from './replicas.js';

export const SIGNING_SECRET = 'faults-signing-secret-0123456789';
export const SLACK_TEAM = 'TFAULTS';
export const TEAMS_TENANT = '6b0d6a55-0c1e-4d0b-9a57-3f2f0f6a1c01';
export const TEAMS_USER = { id: '29:faults-user', name: 'Fault Runner', aadObjectId: '0f4a8e3c-52d1-4b8e-8d67-2c51b1f0e9a4' };

// How long a user waits for the reply to one command before it counts as "no reply".
const ANSWER_TIMEOUT_MS = 20_000;

const en = translator('en');
const NOTHING_SAVED = [en('errors.storeUnavailable'), en('errors.internal')];

/**
 * The reply a user saw to a write: saved (a new record), unchanged (already there), refused
 * (a "nothing was saved" reply), undelivered (the request did not reach a replica), no_answer
 * (no reply in time), other (any other reply, kept in `text`).
 */
export type Outcome = 'saved' | 'unchanged' | 'refused' | 'undelivered' | 'no_answer' | 'other';

export interface WriteResult {
  marker: string;
  platform: 'slack' | 'teams';
  replica: string;
  outcome: Outcome;
  text: string;
  /** HTTP status of the request itself, 0 when it failed. */
  status: number;
}

export interface Platforms {
  slack: FaultSlack;
  connector: FakeConnector;
}

/** Returns the command line that adds the contact `marker` to `account`. */
export function contactLine(marker: string, account: string): string {
  return `contact add "${marker}" at "${account}"`;
}

export function classify(text: string, marker: string): Outcome {
  if (NOTHING_SAVED.some((sentence) => text.includes(sentence))) return 'refused';
  if (text.includes(`Added ${marker}`)) return 'saved';
  if (text.includes(`${marker} at`) && text.includes('already up to date')) return 'unchanged';
  return 'other';
}

export function slackSignature(body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedSlackRequest {
  body: string;
  headers: Record<string, string>;
}

/** Builds a signed slash command whose reply goes to the response URL `answerId`. */
export function signedSlashCommand(slack: FaultSlack, line: string, answerId: string, timestamp = Math.floor(Date.now() / 1000)): SignedSlackRequest {
  const body = new URLSearchParams({
    token: 'unused-verification-token',
    team_id: SLACK_TEAM,
    team_domain: 'faults',
    channel_id: 'CFAULTS',
    channel_name: 'faults',
    user_id: SLACK_USER.id,
    user_name: 'fault.runner',
    command: '/o2o',
    text: line,
    api_app_id: 'AFAULTS',
    response_url: slack.responseUrl(answerId),
    trigger_id: `${Date.now()}.${randomUUID()}`,
  }).toString();
  return {
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': slackSignature(body, timestamp) },
  };
}

/** Posts a signed Slack request as is; returns the HTTP status, or 0 when the connection failed. */
export async function postSlack(replica: Replica, request: SignedSlackRequest, extraHeaders: Record<string, string> = {}): Promise<number> {
  try {
    const response = await fetch(`${replica.url}/slack/events`, { method: 'POST', headers: { ...request.headers, ...extraHeaders }, body: request.body, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Waits for the `count`-th reply on a response URL and returns it, or undefined on timeout. */
export async function awaitSlackAnswer(slack: FaultSlack, answerId: string, count = 1, timeoutMs = ANSWER_TIMEOUT_MS): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answers = slack.answers.get(answerId) ?? [];
    if (answers.length >= count) return answers[count - 1];
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends a Slack write to one replica and waits for the reply the user sees. */
export async function slackWrite(platforms: Platforms, replica: Replica, marker: string, line: string): Promise<WriteResult> {
  const status = await postSlack(replica, signedSlashCommand(platforms.slack, line, marker));
  const base = { marker, platform: 'slack' as const, replica: replica.name, status };
  if (status !== 200) return { ...base, outcome: 'undelivered', text: '' };
  const text = await awaitSlackAnswer(platforms.slack, marker);
  return { ...base, outcome: text === undefined ? 'no_answer' : classify(text, marker), text: text ?? '' };
}

/** Builds a Teams message activity from the fault user, with a new id unless one is given. */
export function teamsActivity(connector: FakeConnector, line: string, id = `f:${randomUUID()}`): Record<string, unknown> {
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    text: line,
    from: TEAMS_USER,
    recipient: { id: '28:faults-bot', name: 'o2o' },
    conversation: { id: `a:${TEAMS_USER.aadObjectId}`, conversationType: 'personal', tenantId: TEAMS_TENANT },
    channelData: { tenant: { id: TEAMS_TENANT } },
  };
}

export async function postTeams(replica: Replica, activity: Record<string, unknown>): Promise<number> {
  try {
    const response = await fetch(`${replica.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity), signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Returns the replies the bot posted to one activity, as JSON text. */
export function teamsReplies(connector: FakeConnector, activityId: string): string[] {
  return connector.requests.filter((request) => request.method === 'POST' && request.activityId === activityId && request.body?.type === 'message').map((request) => JSON.stringify(request.body));
}

/** Sends a Teams write to one replica and waits for the reply. */
export async function teamsWrite(platforms: Platforms, replica: Replica, marker: string, line: string): Promise<WriteResult> {
  const activity = teamsActivity(platforms.connector, line);
  const status = await postTeams(replica, activity);
  const base = { marker, platform: 'teams' as const, replica: replica.name, status };
  if (status === 0) return { ...base, outcome: 'undelivered', text: '' };
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  let replies = teamsReplies(platforms.connector, activity.id as string);
  while (replies.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    replies = teamsReplies(platforms.connector, activity.id as string);
  }
  const text = replies.join('\n');
  return { ...base, outcome: replies.length === 0 ? 'no_answer' : classify(text, marker), text };
}
