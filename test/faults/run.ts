// `npm run faults`: fault injection against two server replicas on a private PostgreSQL server.
// Restarts Postgres during a stream of writes and during a digest run, replays and duplicates
// requests, and kills a replica with SIGKILL while it holds a job; then checks that the replies users
// saw match what is stored. Prints a table per scenario and exits 1 when a check fails.
// Every process and temporary directory it creates is removed at the end, also after a failure.
import { randomBytes } from 'node:crypto';

import postgres from 'postgres';

import { FakeConnector } from '../teams/helpers/fake-connector.js';
import { contactLine, SIGNING_SECRET, slackWrite, teamsWrite } from './clients.js';
import type { FaultContext, ScenarioResult } from './context.js';
import { startFaultDatabase, type FaultDatabase } from './database.js';
import { startFaultSlack, type FaultSlack } from './fake-slack.js';
import { startReplica, type Replica } from './replicas.js';
import { digestsDuringRestart } from './scenario-digests.js';
import { replicaKilled } from './scenario-kill.js';
import { duplicatedRequests } from './scenario-replays.js';
import { writesDuringRestarts } from './scenario-restarts.js';
import { STREAM_ACCOUNT } from './stream.js';

const SCENARIOS: Record<string, (ctx: FaultContext) => Promise<ScenarioResult>> = {
  a: writesDuringRestarts,
  b: digestsDuringRestart,
  d: duplicatedRequests,
  // Last, because it leaves one replica.
  c: replicaKilled,
};

/** Cleanup steps, run in reverse order of registration. */
const cleanups: Array<() => Promise<void>> = [];

let cleaning: Promise<void> | undefined;

/** Runs the cleanup steps once; a signal during the cleanup waits for the same run. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.splice(0).reverse()) {
      await step().catch((error: unknown) => console.error(`cleanup step failed: ${String(error)}`));
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal} received: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

function replicaEnv(database: FaultDatabase, slack: FaultSlack): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SLACK_BOT_TOKEN: 'xoxb-faults',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    TEAMS_LOCAL_MODE: 'true',
  };
}

async function setUp(): Promise<FaultContext> {
  const database = await startFaultDatabase();
  cleanups.push(() => database.close());
  console.log(`database: ${database.description}`);

  const slack = await startFaultSlack();
  cleanups.push(() => slack.close());
  const connector = await new FakeConnector().start();
  cleanups.push(() => connector.stop());

  // One at a time: the first one applies the migrations.
  const replicas: Replica[] = [];
  for (const name of ['replica-1', 'replica-2']) {
    const replica = await startReplica(name, replicaEnv(database, slack));
    cleanups.push(() => replica.stop());
    replicas.push(replica);
  }
  console.log(`replicas: ${replicas.map((replica) => `${replica.name} ${replica.url} (pid ${replica.pid})`).join(', ')}`);

  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  cleanups.push(() => sql.end({ timeout: 5 }));
  const ctx: FaultContext = { database, sql, platforms: { slack, connector }, replicas, runId: randomBytes(3).toString('hex'), realWaits: process.env.FAULTS_REAL_WAITS === '1' };

  // Creates both tenants, the member of each platform and the account before traffic starts.
  for (const write of [slackWrite, teamsWrite]) {
    const marker = `Fault warm-up ${ctx.runId} ${write === slackWrite ? 'slack' : 'teams'}`;
    const result = await write(ctx.platforms, replicas[0]!, marker, contactLine(marker, STREAM_ACCOUNT));
    if (result.outcome !== 'saved') throw new Error(`warm-up write through ${result.platform} was not saved: ${result.outcome} ${result.text}`);
  }
  return ctx;
}

function printResult(result: ScenarioResult, seconds: number): void {
  const width = Math.max(...result.rows.map(([label]) => label.length), ...result.checks.map((entry) => entry.name.length + 7));
  console.log(`\n${result.name} (${seconds.toFixed(0)} s)`);
  for (const [label, value] of result.rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  for (const entry of result.checks) {
    console.log(`  ${`${entry.ok ? 'PASS' : 'FAIL'}   ${entry.name}`.padEnd(width)}  ${entry.ok && entry.detail.length > 120 ? '' : entry.detail}`);
  }
}

/** The message and error of a JSON log line, without the stack. */
function summariseLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    return `  ${entry.msg ?? ''}: ${(entry.err?.message ?? '').replace(/\s+/g, ' ').slice(0, 240)}`;
  } catch {
    return `  ${line.slice(0, 300)}`;
  }
}

async function main(): Promise<number> {
  const only = process.env.FAULTS_ONLY?.split(',').map((name) => name.trim());
  let failed = 0;
  const ctx = await setUp();
  for (const [key, scenario] of Object.entries(SCENARIOS)) {
    if (only && !only.includes(key)) continue;
    const started = performance.now();
    try {
      const result = await scenario(ctx);
      printResult(result, (performance.now() - started) / 1000);
      failed += result.checks.filter((entry) => !entry.ok).length;
    } catch (error) {
      failed += 1;
      console.log(`\nscenario ${key} failed to run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (failed > 0) {
    for (const replica of ctx.replicas) {
      const errors = replica.recentLines().filter((line) => /"level":(50|60)|stderr:/.test(line));
      if (errors.length > 0) console.log(`\nlast errors logged by ${replica.name}:\n${errors.slice(-5).map(summariseLogLine).join('\n')}`);
    }
  }
  const counts = ctx.replicas.map((replica) => `${replica.name}: ${['scheduler tick failed', 'message sent', 'digest queued'].map((message) => `${message} ${replica.messageCounts.get(message) ?? 0}`).join(', ')}`);
  console.log(`\n${counts.join('\n')}`);
  console.log(failed === 0 ? '\nall checks passed' : `\n${failed} check(s) failed`);
  return failed === 0 ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error);
} finally {
  await cleanUp();
}
process.exit(exitCode);
