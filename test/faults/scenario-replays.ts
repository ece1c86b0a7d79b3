// Scenario d: duplicated and replayed deliveries. The same signed Slack request comes again as a
// retry with X-Slack-Retry-Num, as a plain replay, and as two copies at once on both replicas. The
// same Teams activity id comes twice, in turn and at once. A Slack request older than the
// five-minute signature window is replayed.
import { randomUUID } from 'node:crypto';

import { awaitSlackAnswer, classify, contactLine, postSlack, postTeams, signedSlashCommand, teamsActivity, teamsReplies } from './clients.js';
import { check, sleep, storedCounts, type Check, type FaultContext, type ScenarioResult } from './context.js';
import { STREAM_ACCOUNT } from './stream.js';

// Slack rejects a request whose timestamp is more than five minutes old; this one is six.
const STALE_SECONDS = 6 * 60;
// Requests sent as two simultaneous copies, per platform.
const TWIN_PAIRS = 5;

interface Case {
  name: string;
  marker: string;
  deliveries: number;
  /** The reply the user saw after each delivery, in order. */
  answers: string[];
  expectStored: number;
}

export async function duplicatedRequests(ctx: FaultContext): Promise<ScenarioResult> {
  const [first, second] = ctx.replicas as [FaultContext['replicas'][0], FaultContext['replicas'][0]];
  const { slack, connector } = ctx.platforms;
  const prefix = `Fault D ${ctx.runId}`;
  const cases: Case[] = [];

  // Slack: the request, Slack's retry of it on the other replica, then a plain replay.
  const retried = `${prefix} slack-retry`;
  const request = signedSlashCommand(slack, contactLine(retried, STREAM_ACCOUNT), retried);
  const statuses = [await postSlack(first, request)];
  await awaitSlackAnswer(slack, retried, 1);
  statuses.push(await postSlack(second, request, { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' }));
  await awaitSlackAnswer(slack, retried, 2);
  statuses.push(await postSlack(first, request));
  await awaitSlackAnswer(slack, retried, 3);
  cases.push({ name: 'Slack retry, then plain replay', marker: retried, deliveries: 3, answers: slackOutcomes(ctx, retried, statuses), expectStored: 1 });

  // Slack: two copies of one request at once, one on each replica, for several requests, since
  // the copies race.
  for (let pair = 1; pair <= TWIN_PAIRS; pair++) {
    const twin = `${prefix} slack-twin-${pair}`;
    const twinRequest = signedSlashCommand(slack, contactLine(twin, STREAM_ACCOUNT), twin);
    const twinStatuses = await Promise.all([postSlack(first, twinRequest), postSlack(second, twinRequest)]);
    await awaitSlackAnswer(slack, twin, 2);
    cases.push({ name: `Slack copies at once on both replicas, #${pair}`, marker: twin, deliveries: 2, answers: slackOutcomes(ctx, twin, twinStatuses), expectStored: 1 });
  }

  // Teams: one activity id delivered twice in turn, then another twice at once.
  const again = `${prefix} teams-again`;
  const activity = teamsActivity(connector, contactLine(again, STREAM_ACCOUNT), `f:${randomUUID()}`);
  const teamsStatuses = [await postTeams(first, activity), await postTeams(second, activity)];
  cases.push({ name: 'Teams activity id twice in turn', marker: again, deliveries: 2, answers: await teamsOutcomes(ctx, activity, again, teamsStatuses), expectStored: 1 });

  for (let pair = 1; pair <= TWIN_PAIRS; pair++) {
    const teamsTwin = `${prefix} teams-twin-${pair}`;
    const twinActivity = teamsActivity(connector, contactLine(teamsTwin, STREAM_ACCOUNT), `f:${randomUUID()}`);
    const teamsTwinStatuses = await Promise.all([postTeams(first, twinActivity), postTeams(second, twinActivity)]);
    cases.push({ name: `Teams activity id twice at once, #${pair}`, marker: teamsTwin, deliveries: 2, answers: await teamsOutcomes(ctx, twinActivity, teamsTwin, teamsTwinStatuses), expectStored: 1 });
  }

  // Slack: a request captured six minutes ago and replayed now.
  const stale = `${prefix} slack-stale`;
  const staleRequest = signedSlashCommand(slack, contactLine(stale, STREAM_ACCOUNT), stale, Math.floor(Date.now() / 1000) - STALE_SECONDS);
  const staleStatus = await postSlack(first, staleRequest);
  await sleep(2_000);
  cases.push({ name: 'Slack replay after 6 minutes', marker: stale, deliveries: 1, answers: [`HTTP ${staleStatus}${slack.answers.has(stale) ? ', answered' : ''}`], expectStored: 0 });

  const counts = await storedCounts(ctx.sql, prefix);
  const checks: Check[] = cases.map((entry) => {
    const stored = counts.get(entry.marker) ?? 0;
    return check(`${entry.name}: stored ${entry.expectStored === 1 ? 'once' : 'never'}`, stored === entry.expectStored, `stored ${stored} times; answers: ${entry.answers.join(' / ')}`);
  });
  checks.push(check('stale replay rejected with 401', staleStatus === 401, `HTTP ${staleStatus}`));

  return {
    name: 'd. Duplicated and replayed requests',
    rows: [
      ['requests', cases.reduce((sum, entry) => sum + entry.deliveries, 0)],
      ['distinct writes', cases.length],
      ['stored', cases.filter((entry) => (counts.get(entry.marker) ?? 0) > 0).length],
      ['duplicates', cases.filter((entry) => (counts.get(entry.marker) ?? 0) > 1).length],
      ...cases.map((entry): [string, string] => [entry.name, `${entry.answers.join(' / ')}; stored ${counts.get(entry.marker) ?? 0}`]),
    ],
    checks,
  };
}

function slackOutcomes(ctx: FaultContext, marker: string, statuses: number[]): string[] {
  const answers = ctx.platforms.slack.answers.get(marker) ?? [];
  const outcomes = answers.map((text) => classify(text, marker));
  return statuses.map((status, index) => `HTTP ${status} ${outcomes[index] ?? 'no answer'}`);
}

/** Describes each delivery of an activity: its HTTP status, and the replies it got in total. */
async function teamsOutcomes(ctx: FaultContext, activity: Record<string, unknown>, marker: string, statuses: number[]): Promise<string[]> {
  await sleep(1_000);
  const replies = teamsReplies(ctx.platforms.connector, activity.id as string).map((text) => classify(text, marker));
  return [`HTTP ${statuses.join(' and ')}`, `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}${replies.length > 0 ? ` (${replies.join(', ')})` : ''}`];
}
