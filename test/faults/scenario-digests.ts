// Scenario b: Postgres restarts while both replicas compose and send due digests. Afterwards
// each channel has received each part of its digest exactly once.
import { check, listed, pollUntil, sleep, type FaultContext, type ScenarioResult } from './context.js';
import { countDeliveries, digestStates, expireWaits, slackTenantId, subscribeDueDigests, waitForDigests } from './jobs.js';
import { waitUntilReady } from './replicas.js';

const CHANNEL_PREFIX = 'CDIG';
const CHANNELS = Array.from({ length: Number(process.env.FAULTS_DIGESTS ?? 12) }, (_, index) => `${CHANNEL_PREFIX}${String(index).padStart(2, '0')}`);
// Time between the start of the restart and Slack accepting the held post; a fast shutdown takes longer.
const RELEASE_AFTER_MS = 100;
// Slack takes this long to accept each post, so the run lasts long enough to be cut.
const POST_DELAY_MS = 400;
// Two scheduler ticks (10 s each) and the retry back-off of a failed send (at most 30 s).
const SETTLE_MS = 60_000;
// A claim lasts five minutes (CLAIM_MS in src/jobs/outbox.ts); a postponed digest waits 15.
const REAL_WAIT_MS = 16 * 60_000;

export async function digestsDuringRestart(ctx: FaultContext): Promise<ScenarioResult> {
  const { slack } = ctx.platforms;
  const tenantId = await slackTenantId(ctx.sql);
  slack.postDelayMs = POST_DELAY_MS;

  // The first post waits at Slack until the restart has begun, so Slack accepts it while o2o
  // cannot record it: the window in which a part could be sent twice.
  slack.heldPrefixes.add(CHANNEL_PREFIX);
  await subscribeDueDigests(ctx.sql, tenantId, CHANNELS);
  const started = await pollUntil(async () => slack.waiting().length > 0, 40_000);
  const restart = ctx.database.restart('fast');
  await sleep(RELEASE_AFTER_MS);
  slack.release();
  const outageMs = await restart;
  const readyMs = await waitUntilReady(ctx.replicas, 60_000);

  let settled = await waitForDigests(ctx.sql, CHANNELS, SETTLE_MS);
  const stuck = settled ? [] : (await digestStates(ctx.sql, CHANNELS)).filter((state) => state.status !== 'sent');
  let moved = 0;
  if (!settled && !ctx.realWaits) {
    moved = await expireWaits(ctx.sql, CHANNELS);
    settled = await waitForDigests(ctx.sql, CHANNELS, SETTLE_MS);
  } else if (!settled) {
    settled = await waitForDigests(ctx.sql, CHANNELS, REAL_WAIT_MS);
  }
  slack.postDelayMs = 0;

  const deliveries = await countDeliveries(ctx.sql, slack, CHANNELS);
  const wrong = deliveries.filter((entry) => entry.runs !== 1 || entry.posted !== entry.expected || entry.repeated > 0 || entry.expected === 0);
  const posted = deliveries.reduce((sum, entry) => sum + entry.posted, 0);
  const repeated = deliveries.reduce((sum, entry) => sum + entry.repeated, 0);

  return {
    name: 'b. Postgres restart during a digest run',
    rows: [
      ['digests due (channels)', CHANNELS.length],
      ['parts recorded as delivered', deliveries.reduce((sum, entry) => sum + entry.expected, 0)],
      ['posts accepted by Slack', posted],
      ['duplicates', repeated],
      ['restart -m fast', `took ${Math.round(outageMs)} ms, all /readyz 200 ${readyMs === null ? 'not within 60 s' : `${Math.round(readyMs)} ms`} after it`],
      ['digests not sent 60 s after the restart', stuck.length === 0 ? 0 : `${stuck.length}: ${stuck.map((state) => `${state.channel} ${state.status ?? 'not queued'}`).join(', ')}`],
      ['waits expired early (claim, retry, postponed digest)', ctx.realWaits ? 'none: waited in real time' : moved],
    ],
    checks: [
      check('the restart hit a running digest run', started && posted > 0, started ? 'Slack accepted the first post during the restart' : 'no digest post within 40 s'),
      check('every digest is sent', settled, `unsent: ${listed((await digestStates(ctx.sql, CHANNELS)).filter((state) => state.status !== 'sent').map((state) => state.channel))}`),
      check('each part is posted exactly once', wrong.length === 0, listed(wrong.map((entry) => `${entry.channel}: ${entry.runs} runs, ${entry.posted} posts for ${entry.expected} parts, ${entry.repeated} repeated`))),
      check('replicas ready again without a restart', readyMs !== null && ctx.replicas.every((replica) => replica.alive())),
    ],
  };
}
