// Digests and relationship update requests in Slack end to end: subscribed with /o2o, sent by the
// scheduler on a fake clock through chat.postMessage, and answered with their buttons.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runTick } from '../../src/jobs/scheduler.js';
import type { Store } from '../../src/store/database.js';
import { digestSubscriptions, relationshipHistory, relationships, tenants, updateRequests } from '../../src/store/schema.js';
import { sendSigned, startSlackServer, uniqueIds, type SlackServer } from './helpers/harness.js';
import { buttonClick, slashCommand } from './helpers/payloads.js';
import { fakeClock, openSchedulerStore, slackJobDeps, type FakeClock } from './helpers/scheduler.js';
import { seedWorld, type SeededWorld } from './helpers/seed.js';

const DAY = 86_400_000;

describe('digests and update requests in Slack', () => {
  let opened: Awaited<ReturnType<typeof openSchedulerStore>>;
  let store: Store;
  let server: SlackServer;
  let world: SeededWorld;
  let clock: FakeClock;
  // The question message sent to Hélène, as chat.postMessage received it.
  let question: Record<string, any>;
  const ids = uniqueIds();
  let requests = 0;

  beforeAll(async () => {
    opened = await openSchedulerStore('o2o_slack_jobs');
    store = opened.store;
    world = await seedWorld(store, ids.team);
    // No planned questions: only the ones asked below go out.
    await store.db.update(tenants).set({ settings: { updateRequests: { weeklyCap: 0 } } }).where(eq(tenants.id, world.tenantId));
    server = await startSlackServer({ store });
    server.fake.users.set('W111', { id: 'W111', name: 'Hélène Caron', locale: 'en-GB' });
    server.fake.users.set('W333', { id: 'W333', name: 'Marc Lemaire', locale: 'fr-FR' });
    await run('deal create "Acme Energy" "Grid Modernisation" --stage proposal');
    await run('deal committee add "Grid Modernisation" "Olivia Rousseau" --role economic_buyer');
  });

  afterAll(async () => {
    await server.close();
    await opened.close();
  });

  async function run(text: string, options: { user?: string; channel?: string } = {}) {
    const target = `jobs-${++requests}`;
    const response = await sendSigned(server, slashCommand(ids, text, { user: options.user ?? 'W111', responseUrl: server.fake.responseUrl(target), ...(options.channel && { channel: options.channel }) }));
    expect(response.status).toBe(200);
    return (await server.fake.waitFor('response_url', (call) => call.target === target)).params;
  }

  async function click(button: Record<string, any>, user: string) {
    const target = `click-${++requests}`;
    await sendSigned(server, buttonClick(ids, { action_id: button.action_id, value: button.value }, { user, responseUrl: server.fake.responseUrl(target), channel: 'D0HELENE' }));
    return target;
  }

  function buttons(message: Record<string, any>): Array<Record<string, any>> {
    return (message.blocks ?? []).filter((block: any) => block.type === 'actions').flatMap((block: any) => block.elements);
  }

  const answersOf = (message: Record<string, any>, id: string) => buttons(message).filter((button) => JSON.parse(button.value).id === id);

  it('subscribes a channel to the weekly digest', async () => {
    const message = await run('digest subscribe "Acme Energy" weekly on monday at 09:00 Europe/Paris', { channel: 'CDIGEST' });
    expect(message.text).toMatch(/^This channel will get the coverage digest of Acme Energy every Monday at 09:00 \(Europe\/Paris\)\. First one: /);
    const [subscription] = await store.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.tenantId, world.tenantId));
    expect(subscription?.platform).toBe('slack');
    expect(subscription?.channelId).toBe('CDIGEST');
    expect(subscription?.accountId).toBe(world.accounts.acme);
  });

  it('refuses a digest in a direct message', async () => {
    const message = await run('digest subscribe', { channel: 'D0HELENE' });
    expect(message.text).toBe('Digests are posted to channels. Run this command in the channel that should get the digest.');
  });

  it('previews the digest of the channel', async () => {
    const message = await run('digest preview', { channel: 'CDIGEST' });
    expect(message.blocks[0].text.text).toBe('Coverage digest preview: Acme Energy');
    expect(JSON.stringify(message.blocks)).toContain('Grid Modernisation');
  });

  it('posts the due digest with chat.postMessage', async () => {
    const [subscription] = await store.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.tenantId, world.tenantId));
    clock = fakeClock(subscription!.nextRunAt!.getTime() + 60_000);
    server.fake.reset();
    await runTick(slackJobDeps(server, clock));

    // The heading, then one message per deal.
    const posted = server.fake.callsTo('chat.postMessage').filter((call) => call.params.channel === 'CDIGEST');
    expect(posted.map((call) => call.params.text)).toEqual(['Weekly coverage digest: Acme Energy', 'Weekly coverage digest: Acme Energy: Grid Modernisation']);
    expect(posted.every((call) => call.token === 'xoxb-test-token')).toBe(true);
    expect(posted[1]!.params.blocks[0].text.text).toBe('Grid Modernisation · Acme Energy');
    const [after] = await store.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.tenantId, world.tenantId));
    expect(after!.nextRunAt!.getTime()).toBeGreaterThan(clock.now().getTime());
  });

  it('sends an asked question in a direct message with five answers', async () => {
    const asked = await run('ask <@W111|helene> about Freya Robert', { user: 'W333' });
    expect(asked.text).toBe('Question envoyée à Hélène Caron concernant Freya Robert. Sa réponse mettra à jour la cartographie.');
    // A question Marc leaves unanswered, which gets the reminder.
    await run('ask <@W333|marc> about Olivia Rousseau at Acme Energy');
    server.fake.reset();
    clock.set(Math.max(clock.now().getTime(), Date.now()) + 60_000);
    await runTick(slackJobDeps(server, clock));

    const posted = await server.fake.waitFor('chat.postMessage', (call) => call.params.channel === 'W111');
    question = posted.params;
    expect(answersOf(question, 'update-request.answer').map((button) => button.text.text)).toEqual(['Still strong', 'Weaker', 'Lost touch', "I don't know them", 'Snooze 2 weeks']);
    expect(answersOf(question, 'update-request.details')).toHaveLength(1);
    expect(JSON.stringify(question.blocks)).toContain('Marc Lemaire asked how well you know them.');
  });

  it('opens the relationship form from "Update details"', async () => {
    server.fake.reset();
    await click(answersOf(question, 'update-request.details')[0]!, 'W111');
    await server.fake.waitFor('views.open');
    const update = await server.fake.waitFor('views.update');
    expect(update.params.view.callback_id).toBe('o2o:form:relationship');
    expect(update.params.view.blocks[1].element.initial_option.text.text).toBe('Freya Robert');
  });

  it('refuses an answer from someone else, to them only', async () => {
    const strong = answersOf(question, 'update-request.answer')[0]!;
    const target = await click(strong, 'W333');
    const answer = await server.fake.waitFor('response_url', (call) => call.target === target);
    expect(answer.params.response_type).toBe('ephemeral');
    expect(answer.params.replace_original).toBe(false);
    expect(answer.params.text).toBe('Seule la personne à qui cette question a été posée peut y répondre.');
  });

  it('records "still strong" and replaces the message with it', async () => {
    const strong = answersOf(question, 'update-request.answer')[0]!;
    const target = await click(strong, 'W111');
    const answer = await server.fake.waitFor('response_url', (call) => call.target === target);
    expect(answer.params.replace_original).toBe(true);
    expect(answer.params.text).toBe('Thanks, every answer is recorded.');
    expect(JSON.stringify(answer.params.blocks)).toContain('Recorded: strong. Thank you.');
    expect(answersOf(answer.params, 'update-request.answer')).toHaveLength(0);

    const [relationship] = await store.db.select().from(relationships).where(and(eq(relationships.memberId, world.members.helene), eq(relationships.contactId, world.contacts.freya)));
    expect(relationship!.strength).toBe(4);
    const history = await store.db.select().from(relationshipHistory).where(eq(relationshipHistory.relationshipId, relationship!.id));
    expect(history.some((row) => row.field === 'strength' && row.oldValue === '3' && row.newValue === '4')).toBe(true);
    const [request] = await store.db.select().from(updateRequests).where(eq(updateRequests.memberId, world.members.helene));
    expect(request!.status).toBe('answered');
    expect(request!.answer).toBe('strong');
  });

  it('reminds only the colleague who did not answer', async () => {
    server.fake.reset();
    const start = clock.now().getTime();
    for (let day = 1; day <= 6; day++) {
      // Noon UTC each day: after the daily planning, inside working hours on weekdays.
      clock.set(Math.floor((start + day * DAY) / DAY) * DAY + 12 * 3_600_000);
      await runTick(slackJobDeps(server, clock));
    }
    expect(server.fake.callsTo('chat.postMessage').filter((call) => call.params.channel === 'W111')).toHaveLength(0);
    const toMarc = server.fake.callsTo('chat.postMessage').filter((call) => call.params.channel === 'W333');
    expect(toMarc).toHaveLength(1);
    expect(toMarc[0]!.params.blocks[0].text.text).toBe('Une minute pour ces questions ?');
  });
});
