import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { parseAnswerValue } from '../../src/app/present/update-request.js';
import type { Reply } from '../../src/app/reply.js';
import { answerUpdateRequest } from '../../src/app/update-requests.js';
import { askDealTeam, askMemberAbout } from '../../src/jobs/asks.js';
import { runTick } from '../../src/jobs/scheduler.js';
import type { Store } from '../../src/store/database.js';
import { relationshipHistory, relationships, tenants, updateRequests } from '../../src/store/schema.js';
import { createTestTenant, testContext } from '../helpers/store.js';
import { fakeClock, jobDeps, openJobStore, recordingSender, seedDeal, setRequestSettings, type RecordingSender, type SeededDeal } from './helpers.js';

const DAY = 86_400_000;

function answerButtons(reply: Reply) {
  return reply.blocks.flatMap((block) => (block.type === 'actions' ? block.actions : [])).filter((action) => action.id === 'update-request.answer');
}

describe('update requests', () => {
  let opened: Awaited<ReturnType<typeof openJobStore>>;
  let store: Store;
  let seeded: SeededDeal;
  let slack: RecordingSender;
  let teams: RecordingSender;
  // Tuesday 1 December 2026.
  const tuesday = '2026-12-01T05:00:00Z';

  beforeAll(async () => {
    opened = await openJobStore('o2o_requests');
    store = opened.store;
  });
  afterAll(async () => {
    await opened.close();
  });
  beforeEach(async () => {
    await store.db.delete(tenants);
    seeded = await seedDeal(store, await createTestTenant(store, 'requests'), new Date(tuesday));
    slack = recordingSender('slack', 50);
    teams = recordingSender('teams', 50);
  });

  const deps = (clock: ReturnType<typeof fakeClock>) => jobDeps(store, [slack, teams], clock);
  const requestsOf = (memberId: string) => store.db.select().from(updateRequests).where(eq(updateRequests.memberId, memberId));
  const sentTo = (sender: RecordingSender, memberId: string) => sender.sent.filter((record) => record.target.memberId === memberId);
  const actor = (memberId: string, name: string, now: Date) => testContext(store, seeded.tenantId, { now, actor: { memberId, name } });

  it('plans key contacts first, due inside each member working hours', async () => {
    const clock = fakeClock(tuesday);
    await runTick(deps(clock));

    const theo = await requestsOf(seeded.members.theo);
    expect(theo.map((request) => request.reason).sort()).toEqual(['key_contact_stale', 'key_contact_unknown']);
    // 06:00 in Paris: held until 09:00 Paris, 08:00 UTC.
    expect(theo.every((request) => request.dueAt.toISOString() === '2026-12-01T08:00:00.000Z')).toBe(true);
    const olivia = await requestsOf(seeded.members.olivia);
    expect(olivia.every((request) => request.dueAt.toISOString() === '2026-12-01T14:00:00.000Z')).toBe(true);
    expect(slack.sent).toHaveLength(0);
  });

  it('groups a member requests into one message at 09:00 local', async () => {
    const clock = fakeClock(tuesday);
    await runTick(deps(clock));
    clock.set('2026-12-01T08:00:30Z');
    await runTick(deps(clock));

    const toTheo = sentTo(slack, seeded.members.theo);
    expect(toTheo).toHaveLength(1);
    expect(answerButtons(toTheo[0]!.reply)).toHaveLength(10);
    expect(sentTo(slack, seeded.members.olivia)).toHaveLength(0);
    // 08:00 in London: Sam's requests wait for 09:00 there.
    expect(sentTo(teams, seeded.members.sam)).toHaveLength(0);
    clock.set('2026-12-01T09:00:30Z');
    await runTick(deps(clock));
    expect(sentTo(teams, seeded.members.sam)).toHaveLength(1);
  });

  it('caps requests per member per week', async () => {
    await setRequestSettings(store, seeded.tenantId, { weeklyCap: 1 });
    const clock = fakeClock(tuesday);
    await runTick(deps(clock));
    expect(await requestsOf(seeded.members.theo)).toHaveLength(1);

    clock.set('2026-12-02T06:00:30Z');
    await runTick(deps(clock));
    expect(await requestsOf(seeded.members.theo)).toHaveLength(1);

    // Monday 7 December, a new week in Paris.
    clock.set('2026-12-07T06:00:30Z');
    await runTick(deps(clock));
    expect(await requestsOf(seeded.members.theo)).toHaveLength(2);
  });

  it('holds requests back during quiet hours and weekends', async () => {
    await setRequestSettings(store, seeded.tenantId, { workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', quiet: [{ start: '12:00', end: '14:00' }] } });
    // Saturday 5 December: planned for Monday 9:00 in each member's time zone.
    const clock = fakeClock('2026-12-05T10:00:00Z');
    await runTick(deps(clock));
    const planned = await requestsOf(seeded.members.theo);
    expect(planned[0]!.dueAt.toISOString()).toBe('2026-12-07T08:00:00.000Z');

    // Monday 12:30 in Paris, lunch: the requests wait until 14:00.
    clock.set('2026-12-07T11:30:00Z');
    await store.db.update(updateRequests).set({ dueAt: clock.now() }).where(eq(updateRequests.memberId, seeded.members.theo));
    await runTick(deps(clock));
    expect(sentTo(slack, seeded.members.theo)).toHaveLength(0);
    const deferred = await requestsOf(seeded.members.theo);
    expect(deferred[0]!.dueAt.toISOString()).toBe('2026-12-07T13:00:00.000Z');
  });

  it('records an answer and redraws the message', async () => {
    const clock = fakeClock('2026-12-01T08:00:30Z');
    await runTick(deps(clock));
    await runTick(deps(clock));
    const message = sentTo(slack, seeded.members.theo)[0]!.reply;
    const stale = (await requestsOf(seeded.members.theo)).find((request) => request.reason === 'key_contact_stale')!;
    const button = answerButtons(message).find((action) => action.value.includes(stale.id) && action.value.endsWith(':weaker'))!;
    const parsed = parseAnswerValue(button.value)!;

    const result = await answerUpdateRequest(actor(seeded.members.theo, 'Théo Nguyen', clock.now()), parsed);
    expect(result.changed).toBe(true);
    expect(result.recorded).toBe('Recorded: working relationship. Thank you.');
    const [relationship] = await store.db.select().from(relationships).where(and(eq(relationships.memberId, seeded.members.theo), eq(relationships.contactId, seeded.contacts.cfo)));
    expect(relationship!.strength).toBe(3);
    const history = await store.db.select().from(relationshipHistory).where(eq(relationshipHistory.relationshipId, relationship!.id));
    expect(history.some((row) => row.field === 'strength' && row.oldValue === '4' && row.newValue === '3')).toBe(true);
    const [request] = await store.db.select().from(updateRequests).where(eq(updateRequests.id, stale.id));
    expect(request!.status).toBe('answered');
    expect(JSON.stringify(result.reply)).toContain('Recorded: working relationship');

    const again = await answerUpdateRequest(actor(seeded.members.theo, 'Théo Nguyen', clock.now()), { ...parsed, answer: 'lost_touch' });
    expect(again.changed).toBe(false);
  });

  it('lets only the member asked answer', async () => {
    const clock = fakeClock('2026-12-01T08:00:30Z');
    await runTick(deps(clock));
    const [request] = await requestsOf(seeded.members.theo);
    await expect(answerUpdateRequest(actor(seeded.members.olivia, 'Olivia Rousseau', clock.now()), { messageId: request!.id, requestId: request!.id, answer: 'strong' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('reminds once, and never after an answer', async () => {
    const clock = fakeClock('2026-12-01T08:00:30Z');
    await runTick(deps(clock));
    clock.set('2026-12-01T14:00:30Z');
    await runTick(deps(clock));
    expect(sentTo(slack, seeded.members.theo)).toHaveLength(1);
    expect(sentTo(slack, seeded.members.olivia)).toHaveLength(1);

    for (const request of await requestsOf(seeded.members.theo)) {
      await answerUpdateRequest(actor(seeded.members.theo, 'Théo Nguyen', clock.now()), { messageId: request.id, requestId: request.id, answer: 'strong' });
    }
    for (let day = 1; day <= 6; day++) {
      clock.set(new Date(Date.parse('2026-12-01T15:00:00Z') + day * DAY).toISOString());
      await runTick(deps(clock));
    }
    expect(sentTo(slack, seeded.members.theo)).toHaveLength(1);
    const toOlivia = sentTo(slack, seeded.members.olivia);
    expect(toOlivia).toHaveLength(2);
    expect(toOlivia[1]!.reply.blocks[0]).toEqual({ type: 'heading', text: 'Still a minute for these?' });
  });

  it('snoozes a pair for two weeks', async () => {
    const clock = fakeClock('2026-12-01T08:00:30Z');
    await runTick(deps(clock));
    const unknown = (await requestsOf(seeded.members.theo)).find((request) => request.reason === 'key_contact_unknown')!;
    await answerUpdateRequest(actor(seeded.members.theo, 'Théo Nguyen', clock.now()), { messageId: unknown.id, requestId: unknown.id, answer: 'snooze' });

    clock.set('2026-12-08T06:00:30Z');
    await runTick(deps(clock));
    const afterAWeek = (await requestsOf(seeded.members.theo)).filter((request) => request.contactId === unknown.contactId);
    expect(afterAWeek).toHaveLength(1);

    clock.set('2026-12-16T06:00:30Z');
    await runTick(deps(clock));
    const later = (await requestsOf(seeded.members.theo)).filter((request) => request.contactId === unknown.contactId);
    expect(later).toHaveLength(2);
  });

  it('does not ask again about someone the member does not know', async () => {
    const clock = fakeClock('2026-12-01T08:00:30Z');
    await runTick(deps(clock));
    const stale = (await requestsOf(seeded.members.theo)).find((request) => request.reason === 'key_contact_stale')!;
    const unknown = (await requestsOf(seeded.members.theo)).find((request) => request.reason === 'key_contact_unknown')!;
    const ctx = actor(seeded.members.theo, 'Théo Nguyen', clock.now());
    await answerUpdateRequest(ctx, { messageId: stale.id, requestId: stale.id, answer: 'unknown' });
    await answerUpdateRequest(ctx, { messageId: unknown.id, requestId: unknown.id, answer: 'unknown' });
    const left = await store.db.select().from(relationships).where(eq(relationships.memberId, seeded.members.theo));
    expect(left).toHaveLength(0);

    clock.set('2027-01-20T06:00:30Z');
    await runTick(deps(clock));
    const requests = await requestsOf(seeded.members.theo);
    expect(requests.filter((request) => request.contactId === unknown.contactId)).toHaveLength(1);
  });

  it('sends an asked request at once, even on a Saturday night', async () => {
    const clock = fakeClock('2026-12-05T22:00:00Z');
    await runTick(deps(clock));
    const ctx = actor(seeded.members.olivia, 'Olivia Rousseau', clock.now());
    const outcome = await askMemberAbout(ctx, { kind: 'mention', userId: 'UTHEO' }, 'Nina Berg');
    expect(outcome.status).toBe('queued');
    await runTick(deps(clock));
    const toTheo = sentTo(slack, seeded.members.theo);
    expect(toTheo).toHaveLength(1);
    expect(JSON.stringify(toTheo[0]!.reply)).toContain('Olivia Rousseau asked how well you know them.');

    const twice = await askMemberAbout(ctx, 'Théo Nguyen', 'Nina Berg');
    expect(twice.status).toBe('already_open');
  });

  it('asks a deal team', async () => {
    const clock = fakeClock('2026-12-05T22:00:00Z');
    const ctx = actor(seeded.members.theo, 'Théo Nguyen', clock.now());
    const outcome = await askDealTeam(ctx, 'Grid Modernisation');
    expect(outcome.queued).toBeGreaterThanOrEqual(3);
    await runTick(deps(clock));
    expect(sentTo(slack, seeded.members.olivia)).toHaveLength(1);
    expect(sentTo(teams, seeded.members.sam)).toHaveLength(1);
  });
});
