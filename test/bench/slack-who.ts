// End-to-end latency of a signed `/o2o who` through the real Express app and Bolt receiver,
// from the request leaving the client to the answer reaching its response_url, at a steady
// rate; compared with the bare who-knows-whom query on the same tenant and viewer. The Slack
// side (sender, fake Web API, response URLs) runs in a child process, as Slack is remote.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { eq } from 'drizzle-orm';

import { whoKnowsWhomAt } from '../../src/app/queries.js';
import type { Runtime } from '../../src/app/runtime.js';
import { loadEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/config/logger.js';
import { createApp } from '../../src/server/app.js';
import { members, tenants } from '../../src/store/schema.js';
import type { BenchContext, BenchResult, Benchmark } from './benchmarks/types.js';
import { quantile, summarise } from './measure.js';
import { ANSWER_TIMEOUT_MS, type LoadReply, type LoadRequest, type Sample } from './slack-who-load.js';

export interface SlackWhoOptions {
  /** Requests sent per second, on a fixed schedule whatever the answers' pace; default 50. */
  ratePerSecond?: number;
  /** Requests measured, after one second of warm-up requests; default the larger of 500 and bench.runs. */
  requests?: number;
}

const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const TEAM_ID = 'TBENCH';
const USER_ID = 'UBENCH';

/**
 * Lends the generated tenant to Slack workspace TBENCH, and its first member to Slack user
 * UBENCH, for the length of `work`. Both get their own identifiers back afterwards.
 */
async function asSlackWorkspace<T>(bench: BenchContext, work: () => Promise<T>): Promise<T> {
  const db = bench.store.db;
  const memberId = bench.app.actor?.memberId;
  if (!memberId) throw new Error('the generated tenant has no member to act as');
  const [tenant] = await db.select({ key: tenants.externalKey }).from(tenants).where(eq(tenants.id, bench.tenant.tenantId));
  await db.update(tenants).set({ externalKey: `slack:${TEAM_ID}` }).where(eq(tenants.id, bench.tenant.tenantId));
  await db.update(members).set({ slackUserId: USER_ID }).where(eq(members.id, memberId));
  try {
    return await work();
  } finally {
    await db.update(members).set({ slackUserId: null }).where(eq(members.id, memberId));
    await db.update(tenants).set({ externalKey: tenant!.key }).where(eq(tenants.id, bench.tenant.tenantId));
  }
}

/** The Slack side in a child process, and a function that sends it one request and awaits its reply. */
function startSlackSide(): { child: ChildProcess; ask: (request: LoadRequest) => Promise<LoadReply> } {
  const child = fork(new URL('./slack-who-load.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  const ask = (request: LoadRequest) =>
    new Promise<LoadReply>((resolve, reject) => {
      child.once('message', (reply) => resolve(reply as LoadReply));
      child.once('exit', (code) => reject(new Error(`the Slack side exited with code ${code}`)));
      child.send(request);
    });
  return { child, ask };
}

async function startServer(bench: BenchContext, apiUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const env = loadEnv({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl, LOG_LEVEL: 'silent' });
  const runtime: Runtime = { env, logger: createLogger('silent'), store: bench.store, close: async () => {} };
  const server = http.createServer(await createApp(runtime));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Times the bare query one run at a time, after three untimed runs; returns sorted samples in ms. */
async function sampleBareQuery(bench: BenchContext, account: string, runs: number): Promise<number[]> {
  for (let run = 0; run < 3; run++) await whoKnowsWhomAt(bench.app, account);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await whoKnowsWhomAt(bench.app, account);
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

/**
 * Measures `/o2o who` on the hot account end to end at `ratePerSecond`, and the bare
 * whoKnowsWhomAt query on the same tenant and viewer. The end-to-end p99 target is the lower of
 * 150 ms and three times the bare query's p99.
 */
export async function measureSlackWho(bench: BenchContext, options: SlackWhoOptions = {}): Promise<BenchResult> {
  const rate = options.ratePerSecond ?? 50;
  const requests = options.requests ?? Math.max(bench.runs, 500);
  const account = bench.tenant.hotAccount.name;

  const bareSamples = await sampleBareQuery(bench, account, Math.max(bench.runs, 100));
  const bareP99 = quantile(bareSamples, 0.99);
  const allowedP99 = Math.min(150, 3 * bareP99);

  return asSlackWorkspace(bench, async () => {
    const slack = startSlackSide();
    let server: { url: string; close(): Promise<void> } | undefined;
    try {
      const started = await slack.ask({ type: 'start' });
      if (started.type !== 'started') throw new Error('the Slack side did not start');
      server = await startServer(bench, started.apiUrl);
      const run = async (count: number, label: string) => {
        const reply = await slack.ask({ type: 'run', serverUrl: server!.url, text: `who "${account}"`, team: TEAM_ID, user: USER_ID, secret: SIGNING_SECRET, count, ratePerSecond: rate, label });
        return reply.type === 'samples' ? reply.samples : [];
      };
      await run(rate, 'warm');
      const samples = await run(requests, 'run');
      bench.report(`slack who: ${requests} requests at ${rate}/s`);
      return results(samples, bareSamples, { rate, requests, account, allowedP99, bareP99 });
    } finally {
      await server?.close();
      slack.child.send({ type: 'stop' } satisfies LoadRequest);
    }
  });
}

function results(samples: Sample[], bareSamples: number[], facts: { rate: number; requests: number; account: string; allowedP99: number; bareP99: number }): BenchResult {
  // A lost answer counts as infinitely slow, so it cannot flatter the percentiles.
  const answers = samples.map((sample) => sample.answerMs ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const acks = samples.map((sample) => sample.ackMs).filter(Number.isFinite).sort((a, b) => a - b);
  const lost = samples.filter((sample) => sample.answerMs === undefined).length;
  const endToEndP99 = quantile(answers, 0.99);
  const bare = summarise(bareSamples);
  return {
    metrics: [
      { label: 'end-to-end p50', value: quantile(answers, 0.5), unit: 'ms' },
      { label: 'end-to-end p99', value: endToEndP99, unit: 'ms', target: { max: facts.allowedP99 } },
      { label: 'ack p99', value: quantile(acks, 0.99), unit: 'ms' },
      { label: 'answers lost', value: lost, unit: 'rows', target: { max: 0 } },
      { label: 'bare query p50', value: bare.p50, unit: 'ms' },
      { label: 'bare query p99', value: facts.bareP99, unit: 'ms' },
    ],
    notes: [
      `${facts.requests} signed /o2o who requests at ${facts.rate} per second into the Express app and Bolt's receiver; end to end lasts until the answer reaches its response_url`,
      `bare query: whoKnowsWhomAt on "${facts.account}", ${bare.runs} runs one at a time after 3 untimed runs`,
      `end-to-end p99 is ${(endToEndP99 / facts.bareP99).toFixed(1)}× the bare p99; the target is the lower of 150 ms and 3× the bare p99 (${facts.allowedP99.toFixed(1)} ms)`,
      `an answer missing after ${ANSWER_TIMEOUT_MS / 1000} s counts as lost and as infinitely slow`,
    ],
  };
}

export const slackWhoBenchmark: Benchmark = {
  name: 'slack-who',
  title: 'signed /o2o who, end to end at 50 requests per second',
  run: (bench) => measureSlackWho(bench),
};
