// `npm run load`: signed Slack `/o2o who` commands and Teams `who` messages (local mode), in
// turn, at a rising rate against a server in a child process on 127.0.0.1, backed by a scratch Postgres database loaded with the demo data and
// dropped at the end. Reports the highest rate held with p99 under 1 s and no error, and the
// server's resident memory at that rate.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import postgres from 'postgres';

import { createScratchDatabase } from '../helpers/scratch-database.js';
import { startServerProcess } from '../helpers/server-process.js';
import { signature } from '../slack/helpers/harness.js';
import { startFakeSlack } from '../slack/helpers/fake-slack.js';
import { FakeConnector } from '../teams/helpers/fake-connector.js';

const SERVER_URL = process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'load-signing-secret-0123456789';
const TEAM = 'TLOAD';
const USER = 'ULOAD';
const TEAMS_TENANT = randomUUID();
const TEAMS_USER = { id: '29:load-user', name: 'Load', aadObjectId: randomUUID() };
// Each step sends this many seconds of traffic; the run stops at the first step that fails.
const STEP_SECONDS = Number(process.env.LOAD_STEP_SECONDS ?? 5);
const RATES = (process.env.LOAD_RATES ?? '10,25,50,100,150,200,300,400').split(',').map(Number);
// Server workers (O2O_WORKERS). On a machine that also runs Postgres and this script, a second
// worker only adds contention, so the default is one; set LOAD_WORKERS to compare.
const WORKERS = Number(process.env.LOAD_WORKERS ?? 1);
const P99_LIMIT_MS = 1_000;

interface Step {
  rate: number;
  sent: number;
  errors: number;
  p50: number;
  p99: number;
  /** 99th percentile per platform, in ms. */
  slackP99: number;
  teamsP99: number;
  rssMb: number;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/** Loads the demo data into `tenantKey` and returns the id of the tenant's first member. */
async function loadDemo(databaseUrl: string, tenantKey: string, sql: postgres.Sql): Promise<string> {
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, O2O_TENANT: tenantKey, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const [member] = await sql`select m.id from members m join tenants t on t.id = m.tenant_id where t.external_key = ${tenantKey} order by m.created_at limit 1`;
  return member!.id as string;
}

/** Loads the demo data for Slack workspace TLOAD and for the Teams tenant, links one member in each, and returns an account name. */
async function prepare(databaseUrl: string): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const slackMember = await loadDemo(databaseUrl, `slack:${TEAM}`, sql);
    await sql`update members set slack_user_id = ${USER} where id = ${slackMember}`;
    const teamsMember = await loadDemo(databaseUrl, `teams:${TEAMS_TENANT}`, sql);
    await sql`update members set teams_aad_object_id = ${TEAMS_USER.aadObjectId} where id = ${teamsMember}`;
    const [account] = await sql`select a.name from accounts a join tenants t on t.id = a.tenant_id where t.external_key = ${`slack:${TEAM}`} order by a.name limit 1`;
    return account!.name as string;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

interface Target {
  url: string;
  account: string;
  /** Where Slack answers are posted. */
  responseUrl: string;
  /** Where Teams replies are posted. */
  serviceUrl: string;
}

/** Sends a Teams message activity as the local emulator does, without a token. */
function teamsActivity(target: Target): string {
  return JSON.stringify({
    type: 'message',
    id: `f:${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: target.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    text: `who "${target.account}"`,
    from: TEAMS_USER,
    recipient: { id: '28:load-bot', name: 'o2o' },
    conversation: { id: `a:${TEAMS_USER.aadObjectId}`, conversationType: 'personal', tenantId: TEAMS_TENANT },
    channelData: { tenant: { id: TEAMS_TENANT } },
  });
}

async function sendTeams(target: Target): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  try {
    const response = await fetch(`${target.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: teamsActivity(target) });
    await response.arrayBuffer();
    return { ms: performance.now() - started, ok: response.status >= 200 && response.status < 300 };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

async function sendSlack({ url, account, responseUrl }: Target): Promise<{ ms: number; ok: boolean }> {
  const body = new URLSearchParams({ team_id: TEAM, user_id: USER, channel_id: 'CLOAD', command: '/o2o', text: `who "${account}"`, response_url: responseUrl, trigger_id: 'load.trigger', api_app_id: 'ALOAD' }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  try {
    const response = await fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': signature(body, timestamp, SECRET) },
      body,
    });
    await response.arrayBuffer();
    return { ms: performance.now() - started, ok: response.status === 200 };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

function residentMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Returns a process and its children (the cluster workers), read from /proc. */
function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...children];
  } catch {
    return [pid];
  }
}

async function runStep(target: Target, rate: number, rss: () => Promise<number>): Promise<Step> {
  const count = rate * STEP_SECONDS;
  const started = performance.now();
  const pending: Array<Promise<{ ms: number; ok: boolean }>> = [];
  for (let index = 0; index < count; index++) {
    const wait = started + (index * 1_000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(index % 2 === 0 ? sendSlack(target) : sendTeams(target));
  }
  const rssMb = await rss();
  const samples = await Promise.all(pending);
  const sorted = (list: typeof samples) => list.map((sample) => sample.ms).sort((a, b) => a - b);
  const times = sorted(samples);
  return {
    rate,
    sent: count,
    errors: samples.filter((sample) => !sample.ok).length,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    slackP99: percentile(sorted(samples.filter((_, index) => index % 2 === 0)), 0.99),
    teamsP99: percentile(sorted(samples.filter((_, index) => index % 2 === 1)), 0.99),
    rssMb,
  };
}

async function main(): Promise<void> {
  const database = await createScratchDatabase(SERVER_URL, 'o2o_load');
  const fake = await startFakeSlack();
  const connector = await new FakeConnector().start();
  const env = { DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SLACK_BOT_TOKEN: 'xoxb-load', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, TEAMS_LOCAL_MODE: 'true', O2O_WORKERS: String(WORKERS) };
  let server: ReturnType<typeof startServerProcess> | undefined;
  try {
    const account = await prepare(database.url);
    server = startServerProcess(env);
    const listening = await server.waitForLog('server listening', 60_000);
    // Every worker logs its own 'server listening'; wait for all of them before measuring.
    while (server.logs.filter((line) => line.msg === 'server listening').length < WORKERS) await new Promise((resolve) => setTimeout(resolve, 100));
    const url = `http://127.0.0.1:${listening.port as number}`;
    const pid = server.child.pid!;
    let answers = 0;
    let sampleAnswer = '';
    fake.subscribe((call) => {
      if (call.method !== 'response_url') return;
      answers += 1;
      sampleAnswer ||= JSON.stringify(call.params).slice(0, 300);
    });
    // Linux only: the resident set size of the server process and its workers, in MB.
    const rss = async () => processTree(pid).reduce((sum, member) => sum + residentMb(member), 0);
    const target: Target = { url, account, responseUrl: `${fake.url}/response/load`, serviceUrl: connector.url };
    const steps: Step[] = [];
    for (const rate of RATES) {
      const step = await runStep(target, rate, rss);
      steps.push(step);
      console.log(`${rate} req/s: ${step.sent} sent, ${step.errors} errors, p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms (Slack ${step.slackP99.toFixed(1)}, Teams ${step.teamsP99.toFixed(1)}), RSS ${step.rssMb.toFixed(0)} MB`);
      if (step.errors > 0 || step.p99 >= P99_LIMIT_MS) break;
    }
    // Answers go out after the acknowledgement; give the last ones time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    console.log(`Slack answers posted to response_url: ${answers}; first: ${sampleAnswer}`);
    console.log(`Teams requests to the connector: ${connector.requests.length}, of which messages: ${connector.requests.filter((request) => (request.body as { type?: string } | undefined)?.type === 'message').length}; first: ${JSON.stringify(connector.requests[0] ?? null).slice(0, 300)}`);
    console.log(`server workers: ${WORKERS}`);
    const held = steps.filter((step) => step.errors === 0 && step.p99 < P99_LIMIT_MS).at(-1);
    console.log(held ? `highest rate held: ${held.rate} req/s (p99 ${held.p99.toFixed(1)} ms, RSS ${held.rssMb.toFixed(0)} MB)` : 'no rate held');
  } finally {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await fake.close();
    await connector.stop();
    await database.drop();
  }
}

await main();
