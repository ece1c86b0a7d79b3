import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { environmentWithoutMentions, executeCommand, parseCommand, type CommandEnvironment } from '../../src/app/commands/index.js';
import { handleJobsAction } from '../../src/app/commands/jobs.js';
import type { Reply } from '../../src/app/reply.js';
import { translator } from '../../src/i18n/index.js';
import { runTick } from '../../src/jobs/scheduler.js';
import type { Store } from '../../src/store/database.js';
import { digestSubscriptions, relationships, tenants, updateRequests } from '../../src/store/schema.js';
import { createTestTenant, testContext } from '../helpers/store.js';
import { fakeClock, jobDeps, openJobStore, recordingSender, seedDeal, type SeededDeal } from './helpers.js';

const NOW = '2026-12-01T09:00:00Z';
const textOf = (reply: Reply) => reply.blocks.map((block) => ('text' in block ? block.text : '')).join('\n');

describe('digest and ask grammar', () => {
  it('reads a full subscription', () => {
    const parsed = parseCommand('digest subscribe Acme Energy weekly on friday at 16:30 Europe/Paris');
    expect(parsed).toEqual({
      ok: true,
      command: { verb: 'digest', action: 'subscribe', scope: 'Acme Energy', dayOfWeek: 5, localTime: '16:30', timeZone: 'Europe/Paris', line: 'digest subscribe Acme Energy weekly on friday at 16:30 Europe/Paris' },
    });
  });

  it('keeps "on" inside an account name', () => {
    const parsed = parseCommand('digest subscribe Power on Demand on lundi');
    expect(parsed).toMatchObject({ ok: true, command: { scope: 'Power on Demand' } });
    expect(parsed).toMatchObject({ ok: true, command: { dayOfWeek: 1 } });
  });

  it('rejects an unknown day', () => {
    const parsed = parseCommand('digest subscribe all on someday');
    expect(parsed).toMatchObject({ ok: false, failure: { messageKey: 'jobs.schedule.invalidDay', params: { value: 'someday' } } });
  });

  it('rejects an invalid time', () => {
    expect(parseCommand('digest subscribe all at 25:00')).toMatchObject({ ok: false, failure: { messageKey: 'jobs.schedule.invalidTime' } });
  });

  it('rejects an unknown time zone', () => {
    expect(parseCommand('digest subscribe all Europe/Atlantis')).toMatchObject({ ok: false, failure: { messageKey: 'jobs.schedule.invalidTimeZone' } });
  });

  it('shows the usage of an unknown digest action', () => {
    expect(parseCommand('digest subscrbe')).toMatchObject({ ok: false, failure: { messageKey: 'jobs.commands.digestUsage' } });
  });

  it('reads ask with a Slack mention', () => {
    expect(parseCommand('ask <@UTHEO|theo> about Nina Berg at Acme Energy')).toMatchObject({
      ok: true,
      command: { verb: 'ask', member: { kind: 'mention', userId: 'UTHEO', label: 'theo' }, person: 'Nina Berg', account: 'Acme Energy' },
    });
  });

  it('reads ask team', () => {
    expect(parseCommand('ask team Grid Modernisation')).toMatchObject({ ok: true, command: { verb: 'ask', team: 'Grid Modernisation' } });
  });

  it('shows the ask usage without "about"', () => {
    expect(parseCommand('ask theo Nina')).toMatchObject({ ok: false, failure: { messageKey: 'jobs.commands.askUsage' } });
  });
});

describe('digest and ask commands', () => {
  let opened: Awaited<ReturnType<typeof openJobStore>>;
  let store: Store;
  let seeded: SeededDeal;

  beforeAll(async () => {
    opened = await openJobStore('o2o_job_commands');
    store = opened.store;
  });
  afterAll(async () => {
    await opened.close();
  });
  beforeEach(async () => {
    await store.db.delete(tenants);
    seeded = await seedDeal(store, await createTestTenant(store, 'job-commands'), new Date(NOW));
  });

  function environment(options: { locale?: 'en' | 'fr'; personal?: boolean } = {}): CommandEnvironment {
    const ctx = testContext(store, seeded.tenantId, { now: new Date(NOW), locale: options.locale ?? 'en', actor: { memberId: seeded.members.theo, name: 'Théo Nguyen' } });
    const base = environmentWithoutMentions(ctx, translator(options.locale ?? 'en'));
    return {
      ...base,
      memberForUser: async (userId) => ({ id: userId === 'UOLIVIA' ? seeded.members.olivia : seeded.members.theo, name: userId === 'UOLIVIA' ? 'Olivia Rousseau' : 'Théo Nguyen', email: null }),
      conversation: { platform: 'slack', channelId: 'CDEALS', personal: options.personal ?? false },
    };
  }

  async function run(line: string, options: Parameters<typeof environment>[0] = {}): Promise<Reply> {
    const parsed = parseCommand(line);
    if (!parsed.ok) throw new Error(`does not parse: ${line}`);
    const result = await executeCommand(environment(options), parsed.command);
    if (result.kind !== 'reply') throw new Error('expected a reply');
    return result.reply;
  }

  it('subscribes the channel with the default schedule', async () => {
    const reply = await run('digest subscribe Acme Energy');
    expect(reply.text).toBe('This channel will get the coverage digest of Acme Energy every Monday at 09:00 (Europe/Paris). First one: 7 Dec 2026 09:00.');
  });

  it('answers in French', async () => {
    const reply = await run('digest subscribe all weekly on vendredi at 8:30 America/New_York', { locale: 'fr' });
    expect(reply.text).toBe('Ce canal recevra le point de couverture pour toutes les affaires en cours chaque vendredi à 08:30 (America/New_York). Premier envoi : 4 déc. 2026 08:30.');
    const [subscription] = await store.db.select().from(digestSubscriptions);
    expect(subscription!.locale).toBe('fr');
  });

  it('refuses a subscription in a personal chat', async () => {
    const reply = await run('digest subscribe all', { personal: true });
    expect(reply.error?.code).toBe('invalid_input');
  });

  it('lists and unsubscribes', async () => {
    await run('digest subscribe Grid Modernisation on wednesday');
    const listed = await run('digest list');
    expect(textOf(listed)).toContain('Grid Modernisation: every Wednesday at 09:00 (Europe/Paris), next 2 Dec 2026 09:00');
    const removed = await run('digest unsubscribe Grid Modernisation');
    expect(removed.text).toBe('This channel no longer gets the coverage digest of Grid Modernisation.');
    const empty = await run('digest list');
    expect(empty.text).toContain('This channel has no coverage digest.');
  });

  it('says which scope is unknown', async () => {
    const reply = await run('digest subscribe Nowhere Industries');
    expect(reply.error?.code).toBe('not_found');
  });

  it('previews the digest now', async () => {
    const reply = await run('digest preview');
    expect(textOf(reply)).toContain('Coverage digest preview: all open deals');
    expect(textOf(reply)).toContain('Grid Modernisation · Acme Energy');
  });

  it('asks a colleague, then records the answer from the button', async () => {
    const asked = await run('ask <@UOLIVIA|olivia> about Claire Dubois');
    expect(asked.text).toBe('Sent to Olivia Rousseau: a question about Claire Dubois. Their answer will update the relationship map.');

    const slack = recordingSender('slack', 50);
    await runTick(jobDeps(store, [slack], fakeClock(NOW)));
    const message = slack.sent.find((record) => record.target.memberId === seeded.members.olivia)!.reply;
    const button = message.blocks.flatMap((block) => (block.type === 'actions' ? block.actions : [])).find((action) => action.value.endsWith(':strong'))!;

    const oliviaCtx = testContext(store, seeded.tenantId, { now: new Date(NOW), actor: { memberId: seeded.members.olivia, name: 'Olivia Rousseau' } });
    const result = await handleJobsAction({ ctx: oliviaCtx, t: translator('en') }, button.id, button.value);
    expect(result?.kind).toBe('replace');
    expect(JSON.stringify(result)).toContain('Recorded: strong. Thank you.');
    const [tie] = await store.db.select().from(relationships).where(eq(relationships.memberId, seeded.members.olivia));
    expect(tie!.strength).toBe(4);
  });

  it('opens the relationship form for details', async () => {
    await run('ask Olivia Rousseau about Claire Dubois');
    const [request] = await store.db.select().from(updateRequests);
    const oliviaCtx = testContext(store, seeded.tenantId, { now: new Date(NOW), actor: { memberId: seeded.members.olivia, name: 'Olivia Rousseau' } });
    const result = await handleJobsAction({ ctx: oliviaCtx, t: translator('en') }, 'update-request.details', `${request!.id}:${request!.id}`);
    expect(result).toEqual({
      kind: 'form',
      request: { form: 'relationship', draft: { account: { id: seeded.accountId, label: 'Acme Energy' }, contact: { id: seeded.contacts.cfo, label: 'Claire Dubois' } } },
    });
  });

  it('ignores other actions', async () => {
    const ctx = testContext(store, seeded.tenantId, { now: new Date(NOW) });
    expect(await handleJobsAction({ ctx, t: translator('en') }, 'deal.power-map', 'deal:1')).toBeNull();
  });
});
