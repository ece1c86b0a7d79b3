// Scenario a: Postgres restarts (fast, then immediate) in the middle of a stream of writes.
// Every write whose reply said saved must be stored once, no write whose reply said "nothing was
// saved" may be stored twice, and the replicas must become ready again by themselves.
import { check, judgeStream, listed, storedCounts, type FaultContext, type ScenarioResult } from './context.js';
import type { RestartMode } from './database.js';
import { waitUntilReady } from './replicas.js';
import { runWriteStream, writeOnEach } from './stream.js';

const WRITES = Number(process.env.FAULTS_WRITES ?? 120);
const PER_SECOND = Number(process.env.FAULTS_RATE ?? 8);
const READY_TIMEOUT_MS = 60_000;

interface RestartRecord {
  mode: RestartMode;
  atWrite: number;
  outageMs: number;
  /** Time from the end of the restart until every replica returns 200 on /readyz. */
  readyAfterMs: number | null;
}

export async function writesDuringRestarts(ctx: FaultContext): Promise<ScenarioResult> {
  const prefix = `Fault A ${ctx.runId}`;
  const pidsBefore = ctx.replicas.map((replica) => replica.pid);
  const plan: Array<{ atWrite: number; mode: RestartMode }> = [
    { atWrite: Math.floor(WRITES / 3), mode: 'fast' },
    { atWrite: Math.floor((2 * WRITES) / 3), mode: 'immediate' },
  ];
  const restarts: Array<Promise<RestartRecord>> = [];

  const results = await runWriteStream(ctx.platforms, {
    prefix,
    count: WRITES,
    perSecond: PER_SECOND,
    targets: () => ctx.replicas,
    onWrite: (index) => {
      const planned = plan.find((entry) => entry.atWrite === index);
      if (planned) restarts.push(restartAndWatch(ctx, planned.mode, index));
    },
  });
  const records = await Promise.all(restarts);
  const lastReady = await waitUntilReady(ctx.replicas, READY_TIMEOUT_MS);

  const verdict = judgeStream(results, await storedCounts(ctx.sql, prefix));
  const after = await writeOnEach(ctx.platforms, ctx.replicas, `${prefix} after`);
  const restarted = ctx.replicas.filter((replica, index) => !replica.alive() || replica.pid !== pidsBefore[index]);

  return {
    name: 'a. Postgres restarts during a stream of writes',
    rows: [
      ['requests', results.length],
      ['acknowledged as saved', verdict.acknowledged.length],
      ['refused ("nothing was saved")', verdict.refused.length],
      ['no reply or not delivered', verdict.unanswered.length],
      ['stored', verdict.stored],
      ['duplicates', verdict.duplicates.length],
      ['refused but stored', verdict.refusedButStored.length],
      ...records.map((record): [string, string] => [
        `restart -m ${record.mode} at write ${record.atWrite}`,
        `took ${Math.round(record.outageMs)} ms, all /readyz 200 ${record.readyAfterMs === null ? 'not within 60 s' : `${Math.round(record.readyAfterMs)} ms`} after it`,
      ]),
    ],
    checks: [
      check('every acknowledged write is stored', verdict.lost.length === 0, `missing: ${listed(verdict.lost)}`),
      check('no write is stored twice', verdict.duplicates.length === 0, `duplicates: ${listed(verdict.duplicates)}`),
      check('refused writes are absent or stored once', verdict.refusedStoredTwice.length === 0, `refused yet stored: ${listed(verdict.refusedButStored)}`),
      check('every write gets a reply', verdict.unanswered.length === 0, `unanswered: ${listed(verdict.unanswered.map((result) => `${result.marker} (${result.outcome} ${result.text.slice(0, 80)})`))}`),
      check('the restarts hit the stream', verdict.refused.length > 0, `${verdict.refused.length} writes refused during the restarts`),
      check('replicas ready again without a restart', lastReady !== null && restarted.length === 0 && records.every((record) => record.readyAfterMs !== null), `restarted: ${listed(restarted.map((replica) => replica.name))}`),
      check('writes after recovery are saved', after.every((result) => result.outcome === 'saved'), after.map((result) => `${result.platform}@${result.replica}: ${result.outcome}`).join(', ')),
    ],
  };
}

async function restartAndWatch(ctx: FaultContext, mode: RestartMode, atWrite: number): Promise<RestartRecord> {
  const outageMs = await ctx.database.restart(mode);
  const readyAfterMs = await waitUntilReady(ctx.replicas, READY_TIMEOUT_MS);
  return { mode, atWrite, outageMs, readyAfterMs };
}
