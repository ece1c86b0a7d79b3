// Running the job scheduler against a Slack server under test: a store of its own, a fake clock,
// and the real Slack sender pointed at the fake Web API, so digests and questions reach it.
import { createLogger } from '../../../src/config/logger.js';
import type { JobDeps } from '../../../src/jobs/context.js';
import { createSlackSender } from '../../../src/jobs/senders/slack.js';
import { openMigratedStore, type Store } from '../../../src/store/database.js';
import { createScratchDatabase } from '../../helpers/scratch-database.js';
import { testDatabaseUrl } from '../../helpers/store.js';
import type { SlackServer } from './harness.js';

/**
 * Opens in-memory PGlite, or a scratch database on the TEST_DATABASE_URL server: a scheduler
 * tick works on every tenant of its database, so it must not see other test files' tenants.
 */
export async function openSchedulerStore(prefix: string): Promise<{ store: Store; close(): Promise<void> }> {
  if (!testDatabaseUrl) {
    const store = await openMigratedStore({ memory: true });
    return { store, close: () => store.close() };
  }
  const scratch = await createScratchDatabase(testDatabaseUrl, prefix);
  const store = await openMigratedStore({ databaseUrl: scratch.url, maxConnections: 4 });
  return {
    store,
    async close() {
      await store.close();
      await scratch.drop();
    },
  };
}

export interface FakeClock {
  now: () => Date;
  set(instant: Date | string | number): void;
}

export function fakeClock(start: Date | string | number): FakeClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant);
    },
  };
}

/** Builds job dependencies whose only sender is Slack, with the server's bot token and fake Web API. */
export function slackJobDeps(server: SlackServer, clock: FakeClock): JobDeps {
  const logger = createLogger('silent');
  const sender = createSlackSender({ db: server.runtime.store.db, logger, slackApiUrl: server.fake.apiUrl, defaultBotToken: 'xoxb-test-token', maxRateLimitWaitMs: 0 });
  return { db: server.runtime.store.db, logger, workerId: 'slack-test', senders: [sender], now: clock.now };
}
