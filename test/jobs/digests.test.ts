import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { subscribeDigest, unsubscribeDigest, listDigestSubscriptions } from '../../src/app/digests.js';
import { logRelationship } from '../../src/app/relationships.js';
import type { Reply } from '../../src/app/reply.js';
import { runTick } from '../../src/jobs/scheduler.js';
import { DeliveryError } from '../../src/jobs/senders/types.js';
import type { Store } from '../../src/store/database.js';
import { digestRuns, digestSubscriptions, outboundMessages, relationships, tenants } from '../../src/store/schema.js';
import { createTestTenant, testContext } from '../helpers/store.js';
import { fakeClock, jobDeps, openJobStore, recordingSender, seedDeal, type SeededDeal } from './helpers.js';

const channelText = (sent: Array<{ target: { channelId?: string }; reply: Reply }>) =>
  sent.filter((record) => record.target.channelId).map((record) => textOf(record.reply)).join('\n');
const textOf = (reply: Reply) => reply.blocks.map((block) => ('text' in block ? block.text : JSON.stringify(block))).join('\n');

describe('weekly coverage digests', () => {
  let opened: Awaited<ReturnType<typeof openJobStore>>;
  let store: Store;
  let seeded: SeededDeal;
  // Tuesday 1 December 2026, 10:00 in Paris.
  const start = '2026-12-01T09:00:00Z';

  beforeAll(async () => {
    opened = await openJobStore('o2o_digests');
    store = opened.store;
  });
  afterAll(async () => {
    await opened.close();
  });
  beforeEach(async () => {
    // Each test starts from an empty store: the scheduler works on every tenant it finds.
    await store.db.delete(tenants);
    const tenantId = await createTestTenant(store, 'digests');
    seeded = await seedDeal(store, tenantId, new Date(start));
  });

  async function subscribe(clock: ReturnType<typeof fakeClock>, input: Partial<Parameters<typeof subscribeDigest>[1]> = {}) {
    const ctx = testContext(store, seeded.tenantId, { now: clock.now(), actor: { memberId: seeded.members.theo, name: 'Théo Nguyen' } });
    return subscribeDigest(ctx, { platform: 'slack', channelId: 'CDEALS', ...input });
  }

  it('defaults to Monday 09:00 in the subscriber time zone', async () => {
    const clock = fakeClock(start);
    const { subscription } = await subscribe(clock);
    expect(subscription.dayOfWeek).toBe(1);
    expect(subscription.localTime).toBe('09:00');
    expect(subscription.timeZone).toBe('Europe/Paris');
    expect(subscription.nextRunAt?.toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('sends once at the slot, split into parts', async () => {
    const clock = fakeClock(start);
    const slack = recordingSender('slack');
    await subscribe(clock, { scope: 'Acme Energy' });
    const deps = jobDeps(store, [slack], clock);

    clock.set('2026-12-07T07:59:00Z');
    await runTick(deps);
    expect(slack.sent).toHaveLength(0);

    clock.set('2026-12-07T08:00:30Z');
    await runTick(deps);
    await runTick(deps);
    const toChannel = slack.sent.filter((record) => record.target.channelId);
    expect(toChannel.length).toBeGreaterThanOrEqual(2);
    expect(toChannel.every((record) => record.target.channelId === 'CDEALS')).toBe(true);
    const all = channelText(slack.sent);
    expect(all).toContain('Grid Modernisation · Acme Energy');
    expect(all).toContain('first digest');

    const runs = await store.db.select().from(digestRuns);
    expect(runs).toHaveLength(1);
  });

  it('catches up once after downtime', async () => {
    const clock = fakeClock(start);
    const slack = recordingSender('slack');
    await subscribe(clock);
    const deps = jobDeps(store, [slack], clock);

    // Down from before the 7 December slot until 23 December: three slots passed.
    clock.set('2026-12-23T15:00:00Z');
    await runTick(deps);
    await runTick(deps);
    const runs = await store.db.select().from(digestRuns);
    expect(runs).toHaveLength(1);
    const [subscription] = await store.db.select().from(digestSubscriptions);
    expect(subscription!.nextRunAt?.toISOString()).toBe('2026-12-28T08:00:00.000Z');
  });

  it('reports the score change and who shared', async () => {
    const clock = fakeClock(start);
    const slack = recordingSender('slack', 50);
    await subscribe(clock, { scope: 'Grid Modernisation' });
    const deps = jobDeps(store, [slack], clock);
    clock.set('2026-12-07T08:01:00Z');
    await runTick(deps);

    const olivia = testContext(store, seeded.tenantId, { now: new Date('2026-12-09T10:00:00Z'), actor: { memberId: seeded.members.olivia, name: 'Olivia Rousseau' } });
    const { relationship } = await logRelationship(olivia, { memberId: seeded.members.olivia, contactId: seeded.contacts.cto, strength: 4, lastContactOn: '2026-12-08' });
    // The row's creation time comes from the database clock; move it to the test's week.
    await store.db.update(relationships).set({ createdAt: olivia.now() }).where(eq(relationships.id, relationship.id));
    slack.sent.length = 0;
    clock.set('2026-12-14T08:01:00Z');
    await runTick(deps);

    const digest = channelText(slack.sent);
    expect(digest).toMatch(/up \d+ since last week/);
    expect(digest).toContain('Olivia Rousseau (1)');
    expect(digest).toContain('Thanks to Olivia Rousseau');
    expect(digest).toContain('Gaps closed');
  });

  it('writes the digest in the subscription language', async () => {
    const clock = fakeClock(start);
    const teams = recordingSender('teams', 50);
    const ctx = { ...testContext(store, seeded.tenantId, { now: clock.now(), locale: 'fr' }), actor: { memberId: seeded.members.sam, name: 'Sam Carter' } };
    await subscribeDigest(ctx, { platform: 'teams', channelId: '19:general@thread.tacv2', dayOfWeek: 5, localTime: '16:30' });
    clock.set('2026-12-04T16:31:00Z');
    await runTick(jobDeps(store, [teams], clock));
    const digest = channelText(teams.sent);
    expect(digest).toContain('Point hebdomadaire de couverture');
    expect(digest).toContain('premier point');
  });

  it('pauses the subscription of an unreachable channel', async () => {
    const clock = fakeClock(start);
    const slack = recordingSender('slack');
    const realSend = slack.send.bind(slack);
    slack.send = async (target, reply) => {
      if (target.channelId) throw new DeliveryError('unreachable', 'not_in_channel');
      return realSend(target, reply);
    };
    await subscribe(clock);
    clock.set('2026-12-07T08:01:00Z');
    await runTick(jobDeps(store, [slack], clock));

    const [subscription] = await store.db.select().from(digestSubscriptions);
    expect(subscription!.paused).toBe(true);
    expect(subscription!.pausedReason).toBe('not_in_channel');
    const [message] = await store.db.select().from(outboundMessages).where(eq(outboundMessages.kind, 'digest'));
    expect(message!.status).toBe('failed');
  });

  it('retries a failed part without repeating the parts sent', async () => {
    const clock = fakeClock(start);
    const slack = recordingSender('slack', 6);
    await subscribe(clock);
    const deps = jobDeps(store, [slack], clock);
    clock.set('2026-12-07T08:01:00Z');

    // The first part goes out, then Slack fails on the second.
    const realSend = slack.send.bind(slack);
    let calls = 0;
    slack.send = async (target, reply) => {
      if (target.channelId) calls += 1;
      if (target.channelId && calls === 2) throw new DeliveryError('transient', 'http_503');
      return realSend(target, reply);
    };
    await runTick(deps);
    const [pending] = await store.db.select().from(outboundMessages).where(and(eq(outboundMessages.tenantId, seeded.tenantId), eq(outboundMessages.kind, 'digest')));
    expect(pending!.status).toBe('pending');
    expect(pending!.partsSent).toBe(1);

    clock.advance(2 * 60 * 60_000);
    await runTick(deps);
    const texts = slack.sent.filter((record) => record.target.channelId).map((record) => textOf(record.reply));
    expect(new Set(texts).size).toBe(texts.length);
    const [sent] = await store.db.select().from(outboundMessages).where(eq(outboundMessages.id, pending!.id));
    expect(sent!.status).toBe('sent');
  });

  it('lists and removes subscriptions', async () => {
    const clock = fakeClock(start);
    await subscribe(clock, { scope: 'Acme Energy' });
    await subscribe(clock, { scope: 'all', dayOfWeek: 3 });
    const ctx = testContext(store, seeded.tenantId, { now: clock.now() });
    const listed = await listDigestSubscriptions(ctx, { platform: 'slack', channelId: 'CDEALS' });
    expect(listed.map((entry) => entry.scopeLabel).sort()).toEqual(['', 'Acme Energy']);

    const removed = await unsubscribeDigest(ctx, { platform: 'slack', channelId: 'CDEALS', scope: 'Acme Energy' });
    expect(removed.removed).toBe(1);
    const left = await listDigestSubscriptions(ctx, { platform: 'slack', channelId: 'CDEALS' });
    expect(left).toHaveLength(1);
  });

  it('updates the schedule when subscribing again', async () => {
    const clock = fakeClock(start);
    await subscribe(clock, { scope: 'Acme Energy' });
    const again = await subscribe(clock, { scope: 'Acme Energy', dayOfWeek: 5, localTime: '8:15', timeZone: 'America/New_York' });
    expect(again.created).toBe(false);
    expect(again.subscription.localTime).toBe('08:15');
    expect(again.subscription.nextRunAt?.toISOString()).toBe('2026-12-04T13:15:00.000Z');
  });

  it('rejects an unknown time zone', async () => {
    const clock = fakeClock(start);
    await expect(subscribe(clock, { timeZone: 'Paris' })).rejects.toMatchObject({ messageKey: 'jobs.schedule.invalidTimeZone' });
  });
});
