// Running the job scheduler against a Teams server under test: a store of its own, a fake clock,
// and the Teams sender over the server's own bot, so proactive cards reach the fake connector.
import { createLogger } from '../../../src/config/logger.js';
import type { JobDeps } from '../../../src/jobs/context.js';
import { createTeamsSender } from '../../../src/jobs/senders/teams.js';
import { openMigratedStore, type Store } from '../../../src/store/database.js';
import { teamsBotOf } from '../../../src/teams/index.js';
import { createScratchDatabase } from '../../helpers/scratch-database.js';
import { testDatabaseUrl } from '../../helpers/store.js';
import type { TeamsServer } from './teams-server.js';

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
  set(instant: Date | string): void;
}

export function fakeClock(start: Date | string): FakeClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant);
    },
  };
}

/** Builds job dependencies whose only sender is Teams, through the bot that serves /api/messages. */
export function teamsJobDeps(server: TeamsServer, clock: FakeClock): JobDeps {
  const bot = teamsBotOf(server.runtime);
  if (!bot) throw new Error('the test server runs without Teams');
  return { db: server.runtime.store.db, logger: createLogger('silent'), workerId: 'teams-test', senders: [createTeamsSender(bot.sendProactiveCard)], now: clock.now };
}

/** Returns the Action.Submit buttons of a card, or of the cards of an activity, wherever their action sets sit. */
export function cardButtons(card: any): any[] {
  const buttons: any[] = [];
  const visit = (element: any) => {
    if (!element || typeof element !== 'object') return;
    if (element.type === 'Action.Submit') buttons.push(element);
    for (const value of Object.values(element)) visit(value);
  };
  visit(card);
  return buttons;
}

export function cardText(card: unknown): string {
  return JSON.stringify(card);
}
