// A deal written at a stage while an admin removes that stage: the tenant row lock makes one of
// them wait for the other, so no open deal is ever left at a stage the settings no longer list.
// A third transaction held open forces each order. Without the lock, the removal-first cases leave
// a deal at the removed stage, because the deal reads the stages before the removal commits.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../../src/app/accounts.js';
import type { AppContext } from '../../src/app/context.js';
import { createDeal, updateDeal } from '../../src/app/deals.js';
import { AppError } from '../../src/app/errors.js';
import { upsertMember } from '../../src/app/members.js';
import { changeTenantSettings } from '../../src/app/settings-change.js';
import { readTenantSettings, updateTenantSettings } from '../../src/app/settings.js';
import { queryRows, type Database, type Store } from '../../src/store/database.js';
import { accounts, deals, members } from '../../src/store/schema.js';
import { createTestTenant, openTestStore, testContext, testDatabaseUrl } from '../helpers/store.js';

const DEFAULT_STAGES = ['Qualification', 'Discovery', 'Solution', 'Proposal', 'Negotiation', 'Closing'];

describe.skipIf(!testDatabaseUrl)('deal stages during a stage removal (needs TEST_DATABASE_URL: PGlite has one connection, so row locks never wait)', () => {
  let store: Store;
  let admin: AppContext;
  let accountId: string;

  beforeAll(async () => {
    store = await openTestStore();
    const tenantId = await createTestTenant(store, 'stage-lock');
    const base = testContext(store, tenantId);
    const ada = (await upsertMember(base, { name: 'Ada Admin', email: 'ada@seller.example' })).member;
    await store.db.update(members).set({ isAdmin: true }).where(eq(members.id, ada.id));
    admin = testContext(store, tenantId, { actor: { memberId: ada.id, name: ada.name } });
    accountId = (await createAccount(admin, { name: 'Globex' })).id;
  });

  afterAll(async () => {
    await store?.close();
  });

  /** Runs `work` in a transaction that stays open, holding its locks, until release() commits it. */
  async function holdOpen(work: (tx: Database) => Promise<void>): Promise<{ pid: number; release: () => Promise<void> }> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started!: (pid: number) => void;
    let failed!: (error: unknown) => void;
    const pid = new Promise<number>((resolve, reject) => ((started = resolve), (failed = reject)));
    const done = store.db.transaction(async (tx) => {
      const [row] = await queryRows<{ pid: number }>(tx as never, sql`select pg_backend_pid() as pid`);
      await work(tx as never);
      started(Number(row!.pid));
      await released;
    });
    done.catch(failed);
    return {
      pid: await pid,
      release: async () => {
        release();
        await done;
      },
    };
  }

  /** Number of backends waiting for a lock of `pid`, directly or behind another backend that waits for it. */
  async function waitingBehind(pid: number): Promise<number> {
    const [row] = await queryRows<{ count: number }>(
      store.db,
      sql`select count(*)::int as count from pg_stat_activity waiting
          where exists (select 1 from pg_stat_activity blocker
                        where blocker.pid = any(pg_blocking_pids(waiting.pid))
                          and (blocker.pid = ${pid} or ${pid} = any(pg_blocking_pids(blocker.pid))))`,
    );
    return Number(row!.count);
  }

  /** Waits until `count` backends wait behind `pid`, or until one of the `watched` promises settles. */
  async function waitForWaiters(pid: number, count: number, watched: Array<Promise<unknown>>): Promise<void> {
    let settled = false;
    for (const promise of watched) void promise.then(() => (settled = true), () => (settled = true));
    const deadline = Date.now() + 10_000;
    while (!settled && (await waitingBehind(pid)) < count) {
      if (Date.now() > deadline) throw new Error(`fewer than ${count} backends waited behind ${pid}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function setStages(names: string[]): Promise<void> {
    await changeTenantSettings(admin, { kind: 'vocabulary', key: 'stages', names });
  }

  /** Open deals of the tenant at a stage its settings no longer list. */
  async function openDealsAtRemovedStages(): Promise<string[]> {
    const stages = new Set((await readTenantSettings(admin)).deals.stages.map((entry) => entry.id));
    const open = await store.db.select({ name: deals.name, stage: deals.stage }).from(deals).where(and(eq(deals.tenantId, admin.tenantId), eq(deals.status, 'open')));
    return open.filter((deal) => !stages.has(deal.stage)).map((deal) => `${deal.name} at ${deal.stage}`);
  }

  const outcome = <T>(promise: Promise<T>) => promise.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

  it('deal created first makes the stage removal fail', async () => {
    await setStages([...DEFAULT_STAGES, 'Pilot']);

    // The account row locked here stalls the deal's insert (its foreign key check) after the deal read its stage.
    const held = await holdOpen(async (tx) => {
      await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    });
    const created = outcome(createDeal(admin, { accountId, name: 'Pilot at Globex', stage: 'Pilot' }));
    await waitForWaiters(held.pid, 1, [created]);
    const removed = outcome(setStages(DEFAULT_STAGES));
    await waitForWaiters(held.pid, 2, [removed]);
    await held.release();

    const [deal, removal] = [await created, await removed];
    expect(deal.ok && removal.ok, 'deal creation and stage removal both succeeded').toBe(false);
    expect(await openDealsAtRemovedStages()).toEqual([]);
    expect(deal.ok).toBe(true);
    expect(removal.ok ? null : (removal.error as AppError).messageKey).toBe('settings.errors.stageInUse');

    // Closed, the deal no longer keeps the stage in use for the next cases.
    if (deal.ok) await updateDeal(admin, { dealId: deal.value.id, status: 'lost' });
  });

  it('stage removal first makes the deal creation fail', async () => {
    await setStages([...DEFAULT_STAGES, 'Trial']);

    // A settings write holding the tenant row, as changeTenantSettings does between its check and its commit.
    const held = await holdOpen(async (tx) => {
      await updateTenantSettings({ ...admin, db: tx }, { deals: { stages: DEFAULT_STAGES.map((name) => ({ id: name.toLowerCase() })) } });
    });
    const created = outcome(createDeal(admin, { accountId, name: 'Trial at Globex', stage: 'Trial' }));
    await waitForWaiters(held.pid, 1, [created]);
    await held.release();

    const deal = await created;
    expect(await openDealsAtRemovedStages()).toEqual([]);
    expect(deal.ok).toBe(false);
    expect(deal.ok ? null : (deal.error as AppError).messageKey).toBe('deals.errors.unknown.stage');
  });

  it('stage removal first makes a deal move fail', async () => {
    await setStages([...DEFAULT_STAGES, 'Trial']);
    const deal = await createDeal(admin, { accountId, name: 'Rollout at Globex', stage: 'Qualification' });

    const held = await holdOpen(async (tx) => {
      await updateTenantSettings({ ...admin, db: tx }, { deals: { stages: DEFAULT_STAGES.map((name) => ({ id: name.toLowerCase() })) } });
    });
    const moved = outcome(updateDeal(admin, { dealId: deal.id, stage: 'Trial' }));
    await waitForWaiters(held.pid, 1, [moved]);
    await held.release();

    const move = await moved;
    expect(await openDealsAtRemovedStages()).toEqual([]);
    expect(move.ok).toBe(false);
    expect(move.ok ? null : (move.error as AppError).messageKey).toBe('deals.errors.unknown.stage');
  });
});
