// Scenario c: SIGKILL of the replica that has claimed a digest send, in the middle of a stream of writes.
// Writes it acknowledged stay stored once, the other replica keeps serving, and the held digest is
// sent once by the other replica after the dead one's claim expires.
import type { WriteResult } from './clients.js';
import { check, judgeStream, listed, pollUntil, storedCounts, type FaultContext, type ScenarioResult } from './context.js';
import { countDeliveries, digestStates, expireWaits, slackTenantId, subscribeDueDigests, waitForDigests } from './jobs.js';
import { readyStatus, type Replica } from './replicas.js';
import { runWriteStream } from './stream.js';

const CHANNEL = 'CKILL';
const WRITES = Number(process.env.FAULTS_KILL_WRITES ?? 60);
const PER_SECOND = Number(process.env.FAULTS_RATE ?? 8);
// A claim lasts five minutes (CLAIM_MS in src/jobs/outbox.ts), plus two ticks.
const REAL_CLAIM_WAIT_MS = 5 * 60_000 + 30_000;

export async function replicaKilled(ctx: FaultContext): Promise<ScenarioResult> {
  const { slack } = ctx.platforms;
  const prefix = `Fault C ${ctx.runId}`;
  slack.heldPrefixes.add(CHANNEL);
  await subscribeDueDigests(ctx.sql, await slackTenantId(ctx.sql), [CHANNEL]);
  const held = await pollUntil(async () => slack.waiting().includes(CHANNEL), 40_000);
  const [state] = await digestStates(ctx.sql, [CHANNEL]);
  const victim = ctx.replicas.find((replica) => replica.workerId === state?.claimedBy) ?? ctx.replicas[0]!;
  const survivor = ctx.replicas.find((replica) => replica !== victim)!;

  // The replica dies at the first third of the stream; a load balancer then sends the rest to the survivor.
  let killedAt = -1;
  let targets: Replica[] = [...ctx.replicas];
  const results = await runWriteStream(ctx.platforms, {
    prefix,
    count: WRITES,
    perSecond: PER_SECOND,
    targets: () => targets,
    onWrite: (index) => {
      if (index !== Math.floor(WRITES / 3)) return;
      killedAt = index;
      victim.child.kill('SIGKILL');
      targets = [survivor];
    },
  });
  await victim.exited;
  const abandoned = slack.abandoned.includes(CHANNEL);
  slack.release();

  let moved = 0;
  let sent: boolean;
  if (ctx.realWaits) {
    sent = await waitForDigests(ctx.sql, [CHANNEL], REAL_CLAIM_WAIT_MS);
  } else {
    moved = await expireWaits(ctx.sql, [CHANNEL], victim.workerId);
    sent = await waitForDigests(ctx.sql, [CHANNEL], 60_000);
  }

  const verdict = judgeStream(results, await storedCounts(ctx.sql, prefix));
  const byVictim = verdict.acknowledged.filter((result) => result.replica === victim.name);
  const afterKill = results.filter((_, index) => index > killedAt);
  const survivorFailures = afterKill.filter((result: WriteResult) => result.outcome !== 'saved');
  const [delivery] = await countDeliveries(ctx.sql, slack, [CHANNEL]);

  return {
    name: 'c. Replica killed (SIGKILL) mid-stream while holding a digest send',
    rows: [
      ['requests', results.length],
      ['acknowledged as saved', verdict.acknowledged.length],
      ['  of which by the killed replica', byVictim.length],
      ['refused ("nothing was saved")', verdict.refused.length],
      ['no reply or not delivered', verdict.unanswered.length],
      ['stored', verdict.stored],
      ['duplicates', verdict.duplicates.length],
      ['unanswered yet stored (in flight at the kill)', listed(verdict.unansweredButStored)],
      ['killed at write', killedAt],
      ['held digest', `claimed by ${victim.name}; ${delivery?.posted ?? 0} posts for ${delivery?.expected ?? 0} parts by ${survivor.name}`],
      ['claim expired early', ctx.realWaits ? 'no: waited in real time' : `${moved} row`],
    ],
    checks: [
      check('the killed replica held the digest send', held && state?.claimedBy === victim.workerId && abandoned, `claimed by ${state?.claimedBy ?? 'nobody'}; post abandoned: ${abandoned}`),
      check('writes acknowledged by the killed replica are stored once', byVictim.every((result) => !verdict.lost.includes(result.marker)) && byVictim.length > 0, `${byVictim.length} acknowledged; missing: ${listed(verdict.lost)}`),
      check('no write is stored twice', verdict.duplicates.length === 0, `duplicates: ${listed(verdict.duplicates)}`),
      check('the other replica keeps serving', survivorFailures.length === 0 && (await readyStatus(survivor)) === 200, `failures after the kill: ${listed(survivorFailures.map((result) => `${result.marker} ${result.outcome}`))}`),
      check('the held digest is sent once by the other replica', sent && delivery !== undefined && delivery.runs === 1 && delivery.expected > 0 && delivery.posted === delivery.expected && delivery.repeated === 0, delivery ? `${delivery.runs} runs, ${delivery.posted} posts for ${delivery.expected} parts` : 'no digest'),
    ],
  };
}
