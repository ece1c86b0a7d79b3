// The Slack side of the /o2o who benchmark, in its own process so it does not share the
// server's event loop: a fake Web API and response URLs, and a sender of signed slash commands
// at a fixed rate. Driven by messages from slack-who.ts.
import { signature } from '../slack/helpers/harness.js';
import { startFakeSlack, type FakeSlack } from '../slack/helpers/fake-slack.js';

export type LoadRequest =
  | { type: 'start' }
  | { type: 'run'; serverUrl: string; text: string; team: string; user: string; secret: string; count: number; ratePerSecond: number; label: string }
  | { type: 'stop' };

export type LoadReply = { type: 'started'; apiUrl: string } | { type: 'samples'; samples: Sample[] };

/** Times of one request in ms; `answerMs` is unset when no answer came back in time. */
export interface Sample {
  ackMs: number;
  answerMs?: number;
}

// An answer that has not come back after this long counts as lost.
export const ANSWER_TIMEOUT_MS = 10_000;

let fake: FakeSlack | undefined;
const answers = new Map<string, (at: number) => void>();

async function sendOne(request: Extract<LoadRequest, { type: 'run' }>, target: string): Promise<Sample> {
  const body = new URLSearchParams({
    token: 'bench',
    team_id: request.team,
    team_domain: 'bench',
    channel_id: 'CBENCH',
    channel_name: 'bench',
    user_id: request.user,
    user_name: 'bench',
    command: '/o2o',
    text: request.text,
    response_url: `${fake!.url}/response/${target}`,
    trigger_id: `${target}.trigger`,
    api_app_id: 'ABENCH',
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const answered = new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ANSWER_TIMEOUT_MS);
    answers.set(target, (at) => {
      clearTimeout(timer);
      resolve(at);
    });
  });
  let ackMs = Number.NaN;
  try {
    const response = await fetch(`${request.serverUrl}/slack/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': signature(body, timestamp, request.secret) },
      body,
    });
    ackMs = performance.now() - started;
    await response.arrayBuffer();
  } catch {
    // A refused request gets no answer either, and counts as lost.
  }
  const at = await answered;
  answers.delete(target);
  return at === undefined ? { ackMs } : { ackMs, answerMs: at - started };
}

/** Sends `count` requests spaced 1/rate seconds apart, without waiting for earlier answers. */
async function sendAtRate(request: Extract<LoadRequest, { type: 'run' }>): Promise<Sample[]> {
  const interval = 1_000 / request.ratePerSecond;
  const started = performance.now();
  const pending: Array<Promise<Sample>> = [];
  for (let index = 0; index < request.count; index++) {
    const wait = started + index * interval - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(sendOne(request, `${request.label}-${index}`));
  }
  return Promise.all(pending);
}

async function handle(request: LoadRequest): Promise<void> {
  if (request.type === 'start') {
    fake = await startFakeSlack();
    fake.subscribe((call) => {
      if (call.method === 'response_url' && call.target) answers.get(call.target)?.(performance.now());
    });
    process.send!({ type: 'started', apiUrl: fake.apiUrl } satisfies LoadReply);
  } else if (request.type === 'run') {
    process.send!({ type: 'samples', samples: await sendAtRate(request) } satisfies LoadReply);
  } else {
    await fake?.close();
    process.exit(0);
  }
}

process.on('message', (request: LoadRequest) => void handle(request));
