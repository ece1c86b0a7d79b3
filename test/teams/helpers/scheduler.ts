// Running the job scheduler against a Teams server under test: a store of its own, a fake clock,
// and the Teams sender over the server's own bot, so proactive cards reach the fake connector.
import { createLogger } from '../../../src/config/logger.js';
import type { JobDeps } from '../../../src/jobs/context.js';
import { createTeamsSender } from '../../../src/jobs/senders/teams.js';
import { teamsBotOf } from '../../../src/teams/index.js';
import type { TeamsServer } from './teams-server.js';
import type { FakeClock } from '../../helpers/scheduler-store.js';

export { fakeClock, openSchedulerStore, type FakeClock } from '../../helpers/scheduler-store.js';

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
