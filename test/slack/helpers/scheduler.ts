// Running the job scheduler against a Slack server under test: a store of its own, a fake clock,
// and the real Slack sender pointed at the fake Web API, so digests and questions reach it.
import { createLogger } from '../../../src/config/logger.js';
import type { JobDeps } from '../../../src/jobs/context.js';
import { createSlackSender } from '../../../src/jobs/senders/slack.js';
import type { SlackServer } from './harness.js';
import type { FakeClock } from '../../helpers/scheduler-store.js';

export { fakeClock, openSchedulerStore, type FakeClock } from '../../helpers/scheduler-store.js';

/** Builds job dependencies whose only sender is Slack, with the server's bot token and fake Web API. */
export function slackJobDeps(server: SlackServer, clock: FakeClock): JobDeps {
  const logger = createLogger('silent');
  const sender = createSlackSender({ db: server.runtime.store.db, logger, slackApiUrl: server.fake.apiUrl, defaultBotToken: 'xoxb-test-token', maxRateLimitWaitMs: 0 });
  return { db: server.runtime.store.db, logger, workerId: 'slack-test', senders: [sender], now: clock.now };
}
