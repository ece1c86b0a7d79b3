// Two server-like processes run the scheduler loop against one Postgres database at once. Every
// digest and every update-request message must reach the fake Slack API exactly once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { normalizeName } from '../../src/domain/names.js';
import { openMigratedStore, type Store } from '../../src/store/database.js';
import { accounts, contacts, deals, digestRuns, digestSubscriptions, members, outboundMessages, slackInstallations, updateRequests } from '../../src/store/schema.js';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratch-database.js';
import { createTestTenant, testDatabaseUrl } from '../helpers/store.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { setRequestSettings } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SUBSCRIPTIONS = 20;
const MEMBERS = 6;

interface ReplicaRun {
  code: number | null;
  output: string;
}

interface Replica {
  output(): string;
  exited: Promise<ReplicaRun>;
}

function startReplica(name: string, env: Record<string, string>): Replica {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'test/jobs/fixtures/replica.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', REPLICA_NAME: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { output: () => output, exited: new Promise((resolve) => child.on('exit', (code) => resolve({ code, output }))) };
}

async function waitForLog(replica: Replica, message: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!replica.output().includes(`"msg":"${message}"`)) {
    if (Date.now() > deadline) throw new Error(`replica did not log "${message}": ${replica.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!testDatabaseUrl)('two replicas on one Postgres (needs TEST_DATABASE_URL: PGlite is one process)', () => {
  let scratch: ScratchDatabase;
  let store: Store;
  let slack: FakeSlackApi;
  let runs: ReplicaRun[];

  beforeAll(async () => {
    scratch = await createScratchDatabase(testDatabaseUrl!, 'o2o_replicas');
    store = await openMigratedStore({ databaseUrl: scratch.url, maxConnections: 4 });
    const tenantId = await createTestTenant(store, 'replicas');
    // No planned requests: this test counts the asked-for ones and the digests.
    await setRequestSettings(store, tenantId, { weeklyCap: 0 });
    await store.db.insert(slackInstallations).values({ tenantId, teamId: 'T0REPLICA', botToken: 'xoxb-replica-test', installation: {} });

    const [account] = await store.db.insert(accounts).values({ tenantId, name: 'Acme Energy', normalizedName: normalizeName('Acme Energy') }).returning();
    await store.db.insert(deals).values({ tenantId, accountId: account!.id, name: 'Grid Modernisation', normalizedName: normalizeName('Grid Modernisation'), stage: 'proposal' });
    const [contact] = await store.db.insert(contacts).values({ tenantId, accountId: account!.id, name: 'Claire Dubois', normalizedName: normalizeName('Claire Dubois') }).returning();

    // Every subscription missed three weekly slots while "the servers were down". Subscriptions
    // and requests are held back until both replicas run.
    const missed = new Date(Date.now() - 21 * 86_400_000 - 3_600_000);
    await store.db.insert(digestSubscriptions).values(
      Array.from({ length: SUBSCRIPTIONS }, (_, index) => ({ tenantId, platform: 'slack' as const, channelId: `C${String(index).padStart(3, '0')}`, dayOfWeek: missed.getUTCDay(), localTime: '00:00', timeZone: 'UTC', nextRunAt: missed, paused: true })),
    );
    for (let index = 0; index < MEMBERS; index++) {
      const [member] = await store.db.insert(members).values({ tenantId, name: `Member ${index}`, normalizedName: `member ${index}`, slackUserId: `UMEMBER${index}` }).returning();
      await store.db.insert(updateRequests).values({ tenantId, memberId: member!.id, contactId: contact!.id, reason: 'asked', status: 'pending', dueAt: new Date(Date.now() + 86_400_000) });
    }

    slack = await startFakeSlackApi({ rateLimitFirst: 3, retryAfterSeconds: 1, delayMs: 15 });
    const env = { REPLICA_DATABASE_URL: scratch.url, REPLICA_SLACK_API_URL: slack.url };
    const replicas = [startReplica('a', env), startReplica('b', env)];
    for (const replica of replicas) await waitForLog(replica, 'scheduler started');
    await store.db.update(digestSubscriptions).set({ paused: false });
    await store.db.update(updateRequests).set({ dueAt: new Date(Date.now() - 60_000) });
    runs = await Promise.all(replicas.map((replica) => replica.exited));
  }, 120_000);

  afterAll(async () => {
    await slack?.close();
    await store?.close();
    await scratch?.drop();
  });

  it('runs both replicas to a clean exit', () => {
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
  });

  it('composes each missed digest once', async () => {
    const recorded = await store.db.select().from(digestRuns);
    expect(recorded).toHaveLength(SUBSCRIPTIONS);
  });

  it('posts every digest part exactly once', async () => {
    const toChannels = slack.posted.filter((message) => message.channel.startsWith('C'));
    const keys = toChannels.map((message) => `${message.channel}|${message.text}|${JSON.stringify(message.blocks)}`);
    expect(new Set(keys).size).toBe(keys.length);
    const perChannel = new Map<string, number>();
    for (const message of toChannels) perChannel.set(message.channel, (perChannel.get(message.channel) ?? 0) + 1);
    expect(perChannel.size).toBe(SUBSCRIPTIONS);
    expect(new Set(perChannel.values())).toEqual(new Set([2]));
  });

  it('sends each member one request message', () => {
    const direct = slack.posted.filter((message) => message.channel.startsWith('U'));
    expect(direct.map((message) => message.channel).sort()).toEqual(Array.from({ length: MEMBERS }, (_, index) => `UMEMBER${index}`));
  });

  it('leaves the outbox fully sent', async () => {
    const rows = await store.db.select().from(outboundMessages);
    expect(rows).toHaveLength(SUBSCRIPTIONS + MEMBERS);
    expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
  });

  it('shares the work between both replicas', () => {
    const senders = runs.map((run) => run.output.split('\n').filter((line) => line.includes('"message sent"')).length);
    expect(senders.reduce((sum, count) => sum + count, 0)).toBe(SUBSCRIPTIONS + MEMBERS);
    expect(senders.every((count) => count > 0)).toBe(true);
  });

  it('logs the rate limits it waited out', () => {
    expect(slack.rateLimited).toBe(3);
    const logged = runs.flatMap((run) => run.output.split('\n')).filter((line) => line.includes('rate_limited'));
    expect(logged.length).toBeGreaterThanOrEqual(3);
  });

  it('schedules each subscription once in the future', async () => {
    const rows = await store.db.select().from(digestSubscriptions);
    expect(rows.every((row) => row.nextRunAt !== null && row.nextRunAt.getTime() > Date.now())).toBe(true);
  });
});
