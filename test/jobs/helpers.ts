// Shared setup of the job tests: a fake clock, a sender that records what it sends, and a small
// deal with a team, a buying committee and relationships.
import { eq } from 'drizzle-orm';

import { logRelationship } from '../../src/app/relationships.js';
import type { Reply } from '../../src/app/reply.js';
import { upsertMember } from '../../src/app/members.js';
import { normalizeName } from '../../src/domain/names.js';
import { createLogger } from '../../src/config/logger.js';
import type { JobDeps } from '../../src/jobs/context.js';
import { DeliveryError, type MessageRef, type MessageSender, type SendTarget } from '../../src/jobs/senders/types.js';
import { openMigratedStore, type Store } from '../../src/store/database.js';
import { accounts, buyingCommitteeMembers, contacts, dealTeamMembers, deals, tenants } from '../../src/store/schema.js';
import { createScratchDatabase } from '../helpers/scratch-database.js';
import { testContext, testDatabaseUrl } from '../helpers/store.js';

export interface FakeClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function fakeClock(start: string): FakeClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export interface SentRecord {
  target: SendTarget;
  reply: Reply;
}

export interface RecordingSender extends MessageSender {
  sent: SentRecord[];
  /** Failures to throw on the next sends, in order. */
  failures: DeliveryError[];
}

/** Creates a platform sender that records each message, fails on demand, and fits `maxBlocks` blocks a message. */
export function recordingSender(platform: 'slack' | 'teams', maxBlocks = 12): RecordingSender {
  const sender: RecordingSender = {
    platform,
    sent: [],
    failures: [],
    fits: (reply) => reply.blocks.length <= maxBlocks,
    async send(target, reply): Promise<MessageRef> {
      const failure = sender.failures.shift();
      if (failure) throw failure;
      sender.sent.push({ target, reply });
      return { platform, channel: target.channelId ?? target.memberId ?? '', ts: String(sender.sent.length) };
    },
  };
  return sender;
}

export function jobDeps(store: Store, senders: MessageSender[], clock: FakeClock, workerId = 'test-worker'): JobDeps {
  return { db: store.db, logger: createLogger('silent'), workerId, senders, now: clock.now };
}

export interface SeededDeal {
  tenantId: string;
  accountId: string;
  dealId: string;
  members: { theo: string; olivia: string; sam: string };
  contacts: { cfo: string; cto: string; buyer: string };
}

/**
 * Seeds a tenant with one open deal at Acme Energy: Théo and Olivia on the deal team (Slack),
 * Sam on Teams; a committee of a CFO (economic buyer), a CTO (champion) and a buyer.
 * Théo knows the CFO well but last spoke to them in June; nobody knows the CTO or the buyer.
 */
export async function seedDeal(store: Store, tenantId: string, now: Date): Promise<SeededDeal> {
  const ctx = testContext(store, tenantId, { now });
  const theo = (await upsertMember(ctx, { name: 'Théo Nguyen', email: 'theo@example.com', slackUserId: 'UTHEO', timeZone: 'Europe/Paris' })).member.id;
  const olivia = (await upsertMember(ctx, { name: 'Olivia Rousseau', email: 'olivia@example.com', slackUserId: 'UOLIVIA', timeZone: 'America/New_York' })).member.id;
  const sam = (await upsertMember(ctx, { name: 'Sam Carter', email: 'sam@example.com', teamsAadObjectId: '6f1c2a9e-3b7d-4c1a-9e2f-1a2b3c4d5e6f', timeZone: 'Europe/London' })).member.id;

  const [account] = await store.db.insert(accounts).values({ tenantId, name: 'Acme Energy', normalizedName: normalizeName('Acme Energy') }).returning();
  const person = async (name: string, title: string) => {
    const [row] = await store.db
      .insert(contacts)
      .values({ tenantId, accountId: account!.id, name, normalizedName: normalizeName(name), title, createdAt: new Date(now.getTime() - 60 * 86_400_000), updatedAt: new Date(now.getTime() - 60 * 86_400_000) })
      .returning();
    return row!.id;
  };
  const cfo = await person('Claire Dubois', 'CFO');
  const cto = await person('Marc Petit', 'CTO');
  const buyer = await person('Nina Berg', 'Head of Procurement');

  const [deal] = await store.db
    .insert(deals)
    .values({ tenantId, accountId: account!.id, name: 'Grid Modernisation', normalizedName: normalizeName('Grid Modernisation'), stage: 'proposal', expectedCloseOn: '2027-02-15' })
    .returning();
  await store.db.insert(dealTeamMembers).values([
    { dealId: deal!.id, memberId: theo, role: 'account_executive' },
    { dealId: deal!.id, memberId: olivia, role: 'sales_engineer' },
    { dealId: deal!.id, memberId: sam, role: 'executive_sponsor' },
  ]);
  await store.db.insert(buyingCommitteeMembers).values([
    { dealId: deal!.id, contactId: cfo, role: 'economic_buyer', influence: 'high' },
    { dealId: deal!.id, contactId: cto, role: 'champion', influence: 'high', attitude: 'champion' },
    { dealId: deal!.id, contactId: buyer, role: 'procurement', influence: 'medium' },
  ]);

  const past = testContext(store, tenantId, { now: new Date(now.getTime() - 150 * 86_400_000), actor: { memberId: theo, name: 'Théo Nguyen' } });
  await logRelationship(past, { memberId: theo, contactId: cfo, strength: 4, lastContactOn: '2026-06-15' });
  return { tenantId, accountId: account!.id, dealId: deal!.id, members: { theo, olivia, sam }, contacts: { cfo, cto, buyer } };
}

/** Sets the tenant's update-request settings. */
export async function setRequestSettings(store: Store, tenantId: string, settings: Record<string, unknown>): Promise<void> {
  const [tenant] = await store.db.select().from(tenants).where(eq(tenants.id, tenantId));
  await store.db.update(tenants).set({ settings: { ...tenant!.settings, updateRequests: settings } }).where(eq(tenants.id, tenantId));
}

/**
 * Opens a store of its own for a job test: in-memory PGlite, or a scratch database on the
 * TEST_DATABASE_URL server, because the scheduler claims due rows of every tenant in a database.
 */
export async function openJobStore(prefix: string): Promise<{ store: Store; url: string | null; close(): Promise<void> }> {
  if (!testDatabaseUrl) {
    const store = await openMigratedStore({ memory: true });
    return { store, url: null, close: () => store.close() };
  }
  const scratch = await createScratchDatabase(testDatabaseUrl, prefix);
  const store = await openMigratedStore({ databaseUrl: scratch.url, maxConnections: 4 });
  return {
    store,
    url: scratch.url,
    async close() {
      await store.close();
      await scratch.drop();
    },
  };
}
