// Starts the scheduler inside the server, with a sender for each configured platform.
import { hostname } from 'node:os';

import type { Runtime } from '../app/runtime.js';
import { readSlackSettings } from '../slack/settings.js';
import { teamsBotOf } from '../teams/index.js';
import { startScheduler, type Scheduler } from './scheduler.js';
import { createSlackSender } from './senders/slack.js';
import { createTeamsSender } from './senders/teams.js';
import type { MessageSender } from './senders/types.js';

/** Seconds between two scheduler ticks: how late a due message may go out, at most. */
export const TICK_INTERVAL_MS = 10_000;

/** Builds the senders and starts ticking; stop it before closing the store. */
export function startJobs(runtime: Runtime, options: { intervalMs?: number } = {}): Scheduler {
  const logger = runtime.logger.child({ component: 'jobs' });
  const senders: MessageSender[] = [];

  const slack = readSlackSettings(runtime.env);
  if (slack.enabled) {
    const { auth, apiUrl } = slack.settings;
    senders.push(createSlackSender({ db: runtime.store.db, logger, ...(apiUrl && { slackApiUrl: apiUrl }), ...(auth.kind === 'single' && { defaultBotToken: auth.botToken }) }));
  }
  // The endpoint's own bot, so proactive sends share its adapter.
  const teams = teamsBotOf(runtime);
  if (teams) senders.push(createTeamsSender(teams.sendProactiveCard));

  const workerId = `${hostname()}-${process.pid}`;
  logger.info({ workerId, platforms: senders.map((sender) => sender.platform) }, 'jobs starting');
  return startScheduler({ db: runtime.store.db, logger, workerId, senders, now: () => new Date() }, { intervalMs: options.intervalMs ?? TICK_INTERVAL_MS });
}
