import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Reply } from '../../src/app/reply.js';
import { createLogger } from '../../src/config/logger.js';
import { createSlackSender } from '../../src/jobs/senders/slack.js';
import { createTeamsSender } from '../../src/jobs/senders/teams.js';
import { DeliveryError } from '../../src/jobs/senders/types.js';
import { splitReply } from '../../src/jobs/split.js';
import type { ProactiveOutcome, SendProactiveCard } from '../../src/teams/proactive.js';
import type { Store } from '../../src/store/database.js';
import { members, slackInstallations, tenants } from '../../src/store/schema.js';
import { createTestTenant } from '../helpers/store.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { openJobStore } from './helpers.js';

const reply: Reply = { text: 'Weekly coverage digest', blocks: [{ type: 'heading', text: 'Weekly coverage digest' }, { type: 'text', text: 'Grid Modernisation: 62/100' }] };

function bigReply(items: number): Reply {
  return {
    text: 'Long digest',
    blocks: Array.from({ length: items }, (_, index) => [
      { type: 'heading' as const, text: `Deal ${index}` },
      { type: 'text' as const, text: `${'Coverage details. '.repeat(40)}${index}` },
      { type: 'actions' as const, actions: [{ id: 'deal.outreach.assign', label: 'Take it', value: `deal-${index}` }] },
    ]).flat(),
  };
}

describe('Slack sender', () => {
  let opened: Awaited<ReturnType<typeof openJobStore>>;
  let store: Store;
  let slack: FakeSlackApi;
  let tenantId: string;
  let memberId: string;
  const waits: number[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    opened = await openJobStore('o2o_senders');
    store = opened.store;
  });
  afterAll(async () => {
    await opened.close();
  });
  beforeEach(async () => {
    await store.db.delete(tenants);
    tenantId = await createTestTenant(store, 'senders');
    await store.db.insert(slackInstallations).values({ tenantId, teamId: 'T0SENDERS', botToken: 'xoxb-senders', installation: {} });
    const [member] = await store.db.insert(members).values({ tenantId, name: 'Théo Nguyen', normalizedName: 'theo nguyen', slackUserId: 'UTHEO' }).returning();
    memberId = member!.id;
    waits.length = 0;
    logLines.length = 0;
  });
  afterEach(async () => {
    await slack?.close();
  });

  function sender(maxRateLimitWaitMs = 30_000) {
    const logger = createLogger('warn');
    const recording = Object.assign(Object.create(logger), {
      child: () => recording,
      warn: (fields: object, message: string) => logLines.push(`${message} ${JSON.stringify(fields)}`),
      error: () => {},
      info: () => {},
      debug: () => {},
    });
    return createSlackSender({ db: store.db, logger: recording, slackApiUrl: slack.url, maxRateLimitWaitMs, wait: async (ms) => void waits.push(ms) });
  }

  it('posts Block Kit to a channel', async () => {
    slack = await startFakeSlackApi();
    const ref = await sender().send({ tenantId, channelId: 'CDEALS' }, reply);
    expect(ref.platform).toBe('slack');
    expect(slack.posted).toHaveLength(1);
    expect(slack.posted[0]!.channel).toBe('CDEALS');
    expect(slack.posted[0]!.text).toBe('Weekly coverage digest');
    expect(slack.posted[0]!.blocks[0]).toMatchObject({ type: 'header' });
  });

  it('sends a personal message to the member user id', async () => {
    slack = await startFakeSlackApi();
    await sender().send({ tenantId, memberId }, reply);
    expect(slack.posted[0]!.channel).toBe('UTHEO');
  });

  it('waits out a short Retry-After and logs it', async () => {
    slack = await startFakeSlackApi({ rateLimitFirst: 1, retryAfterSeconds: 3 });
    await sender().send({ tenantId, channelId: 'CDEALS' }, reply);
    expect(waits).toEqual([3000]);
    expect(slack.posted).toHaveLength(1);
    expect(logLines.some((line) => line.startsWith('rate_limited'))).toBe(true);
  });

  it('defers a long Retry-After instead of stalling', async () => {
    slack = await startFakeSlackApi({ rateLimitFirst: 1, retryAfterSeconds: 1800 });
    const failure = await sender(30_000).send({ tenantId, channelId: 'CDEALS' }, reply).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ failure: 'rate_limited', retryAfterMs: 1_800_000 });
    expect(waits).toEqual([]);
  });

  it('reports a channel the bot left as unreachable', async () => {
    slack = await startFakeSlackApi();
    slack.errors.push('not_in_channel');
    await expect(sender().send({ tenantId, channelId: 'CGONE' }, reply)).rejects.toMatchObject({ failure: 'unreachable', platformCode: 'not_in_channel' });
  });

  it('reports a message Slack refuses as rejected', async () => {
    slack = await startFakeSlackApi();
    slack.errors.push('msg_blocks_too_long');
    await expect(sender().send({ tenantId, channelId: 'CDEALS' }, reply)).rejects.toMatchObject({ failure: 'rejected' });
  });

  it('reports a tenant without installation as unreachable', async () => {
    slack = await startFakeSlackApi();
    const other = await createTestTenant(store, 'no-install');
    await expect(sender().send({ tenantId: other, channelId: 'CDEALS' }, reply)).rejects.toMatchObject({ failure: 'unreachable', platformCode: 'not_installed' });
  });

  it('splits a long digest into messages Slack accepts', async () => {
    slack = await startFakeSlackApi();
    const slackSender = sender();
    const parts = splitReply(bigReply(40), (candidate) => slackSender.fits(candidate));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) await slackSender.send({ tenantId, channelId: 'CDEALS' }, part);
    expect(slack.posted.every((message) => message.blocks.length <= 50)).toBe(true);
    const headers = slack.posted.flatMap((message) => message.blocks.filter((block) => (block as { type: string }).type === 'header'));
    expect(headers).toHaveLength(40);
  });
});

describe('Teams sender', () => {
  const outcomes: ProactiveOutcome[] = [];
  const calls: Array<Parameters<SendProactiveCard>> = [];
  const send: SendProactiveCard = async (...args) => {
    calls.push(args);
    return outcomes.shift() ?? { status: 'sent', conversationId: 'a:1', activityId: 'activity-1' };
  };

  beforeEach(() => {
    outcomes.length = 0;
    calls.length = 0;
  });

  it('sends a card to a member and returns the activity', async () => {
    const ref = await createTeamsSender(send).send({ tenantId: 't', memberId: 'm' }, reply);
    expect(ref).toEqual({ platform: 'teams', conversationId: 'a:1', activityId: 'activity-1' });
    expect(calls[0]![1]).toEqual({ type: 'member', memberId: 'm' });
    expect(calls[0]![2].type).toBe('AdaptiveCard');
  });

  it('maps a removed bot to unreachable', async () => {
    outcomes.push({ status: 'removed', conversationId: 'a:1' });
    await expect(createTeamsSender(send).send({ tenantId: 't', channelId: '19:x' }, reply)).rejects.toMatchObject({ failure: 'unreachable' });
  });

  it('maps throttling to rate_limited', async () => {
    outcomes.push({ status: 'rate_limited', attempts: 4 });
    await expect(createTeamsSender(send).send({ tenantId: 't', channelId: '19:x' }, reply)).rejects.toMatchObject({ failure: 'rate_limited' });
  });

  it('maps 413 to rejected and 502 to transient', async () => {
    outcomes.push({ status: 'failed', httpStatus: 413 }, { status: 'failed', httpStatus: 502 });
    const sender = createTeamsSender(send);
    await expect(sender.send({ tenantId: 't', channelId: '19:x' }, reply)).rejects.toMatchObject({ failure: 'rejected' });
    await expect(sender.send({ tenantId: 't', channelId: '19:x' }, reply)).rejects.toMatchObject({ failure: 'transient' });
  });

  it('splits a long digest into cards under 28 KB', () => {
    const sender = createTeamsSender(send);
    const long = bigReply(60);
    expect(sender.fits(long)).toBe(false);
    const parts = splitReply(long, (candidate) => sender.fits(candidate));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => sender.fits(part))).toBe(true);
    expect(parts.flatMap((part) => part.blocks)).toHaveLength(long.blocks.length);
  });
});
