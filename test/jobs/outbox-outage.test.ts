// The outbox dispatcher against a Postgres that goes away just after a message was delivered: the
// delivered part is recorded once the store responds again, instead of being sent a second time
// when its claim expires, and the other due messages are still sent in the same tick.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLogger } from '../../src/config/logger.js';
import { dispatchOutbox, type DispatchReport } from '../../src/jobs/dispatch.js';
import { enqueueMessage } from '../../src/jobs/outbox.js';
import { openMigratedStore, openStore, type Store } from '../../src/store/database.js';
import { outboundMessages } from '../../src/store/schema.js';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratch-database.js';
import { createTestTenant, testDatabaseUrl } from '../helpers/store.js';
import { startTcpProxy, type TcpProxy } from '../server/tcp-proxy.js';
import { recordingSender } from './helpers.js';

const MESSAGES = 3;
// The store stays unreachable this long after the first delivery.
const OUTAGE_MS = 1_500;

// A proxy needs a real Postgres behind it; PGlite runs in-process and cannot be cut off.
describe.skipIf(!testDatabaseUrl)('outbox dispatch during a store outage (needs TEST_DATABASE_URL)', () => {
  let scratch: ScratchDatabase;
  let setup: Store;
  let proxy: TcpProxy;
  let throughProxy: Store;
  let report: DispatchReport;
  const sender = recordingSender('slack');

  beforeAll(async () => {
    scratch = await createScratchDatabase(testDatabaseUrl!, 'o2o_outbox_outage');
    setup = await openMigratedStore({ databaseUrl: scratch.url, maxConnections: 2 });
    const tenantId = await createTestTenant(setup, 'outbox-outage');
    for (let index = 0; index < MESSAGES; index++) {
      const parts = [{ text: `digest ${index}`, blocks: [{ type: 'text' as const, text: `digest ${index}` }] }];
      await enqueueMessage(setup.db, { tenantId, dedupeKey: `outage:${index}`, kind: 'digest', platform: 'slack', target: { channelId: `COUTAGE${index}` }, payload: { parts } }, new Date());
    }

    const target = new URL(scratch.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    throughProxy = await openStore({ databaseUrl: target.toString(), maxConnections: 2 });

    // The first send succeeds at the platform, then the store goes away before o2o records it.
    const send = sender.send.bind(sender);
    sender.send = async (sendTarget, reply) => {
      const ref = await send(sendTarget, reply);
      if (sender.sent.length === 1) {
        await proxy.setMode('refuse');
        setTimeout(() => void proxy.setMode('forward'), OUTAGE_MS);
      }
      return ref;
    };
    report = await dispatchOutbox({ db: throughProxy.db, logger: createLogger('silent'), workerId: 'outage-worker', senders: [sender], now: () => new Date() });
  }, 60_000);

  afterAll(async () => {
    await throughProxy?.close();
    await proxy?.close();
    await setup?.close();
    await scratch?.drop();
  });

  it('sends every message in the same tick', () => {
    expect(report).toEqual({ sent: MESSAGES, retried: 0, failed: 0, cancelled: 0 });
  });

  it('delivers each message once', () => {
    const channels = sender.sent.map((record) => record.target.channelId).sort();
    expect(channels).toEqual(Array.from({ length: MESSAGES }, (_, index) => `COUTAGE${index}`));
  });

  it('records each delivered part once', async () => {
    const rows = await setup.db.select().from(outboundMessages).where(eq(outboundMessages.status, 'sent'));
    expect(rows).toHaveLength(MESSAGES);
    for (const row of rows) {
      expect(row.partsSent).toBe(1);
      expect((row.result as { refs: unknown[] }).refs).toHaveLength(1);
    }
  });
});
