// A stand-in for the Slack Web API and response URLs on 127.0.0.1, for the fault runs. It records
// the replies posted to each response URL, and the chat.postMessage calls it accepted. Posts to
// held channels wait until released; a post whose sender went away before that is never accepted,
// as when the request never reached Slack.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AcceptedPost {
  channel: string;
  text: string;
  blocks: string;
  at: number;
}

export interface FaultSlack {
  url: string;
  apiUrl: string;
  /** Texts posted to `/response/<id>`, by id. */
  answers: Map<string, string[]>;
  posts: AcceptedPost[];
  /** Posts to channels starting with one of these prefixes wait for {@link release}. */
  heldPrefixes: Set<string>;
  /** Channels of the posts waiting now. */
  waiting(): string[];
  /** Posts whose sender closed the connection while they waited. */
  abandoned: string[];
  /** Delay before each chat.postMessage is accepted, in ms. */
  postDelayMs: number;
  responseUrl(id: string): string;
  release(): void;
  close(): Promise<void>;
}

interface WaitingPost {
  params: Record<string, string>;
  request: http.IncomingMessage;
  respond: () => void;
}

export const SLACK_USER = { id: 'UFAULTS', name: 'Fault Runner', email: 'fault.runner@example.com' };

export async function startFaultSlack(): Promise<FaultSlack> {
  const answers = new Map<string, string[]>();
  const posts: AcceptedPost[] = [];
  const waitingPosts: WaitingPost[] = [];
  const fake = { heldPrefixes: new Set<string>(), abandoned: [] as string[], postDelayMs: 0 };

  const accept = (params: Record<string, string>) => {
    posts.push({ channel: params.channel ?? '', text: params.text ?? '', blocks: params.blocks ?? '', at: Date.now() });
    return { ok: true, channel: params.channel, ts: `${Math.floor(Date.now() / 1000)}.${String(posts.length).padStart(6, '0')}` };
  };

  const postMessage = (request: http.IncomingMessage, params: Record<string, string>, send: (payload: unknown) => void) => {
    const channel = params.channel ?? '';
    if ([...fake.heldPrefixes].some((prefix) => channel.startsWith(prefix))) {
      const entry: WaitingPost = { params, request, respond: () => send(accept(params)) };
      waitingPosts.push(entry);
      request.socket.once('close', () => {
        const index = waitingPosts.indexOf(entry);
        if (index < 0) return;
        waitingPosts.splice(index, 1);
        fake.abandoned.push(channel);
      });
      return;
    }
    setTimeout(() => send(accept(params)), fake.postDelayMs);
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const route = (request.url ?? '').split('?')[0]!;
      const send = (payload: unknown) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      if (route.startsWith('/response/')) {
        const id = decodeURIComponent(route.slice('/response/'.length));
        const text = String((JSON.parse(body || '{}') as { text?: unknown }).text ?? '');
        answers.set(id, [...(answers.get(id) ?? []), text]);
        send({ ok: true });
        return;
      }
      const method = route.replace(/^\/api\//, '');
      const params = parseParams(String(request.headers['content-type'] ?? ''), body);
      if (method === 'chat.postMessage') return postMessage(request, params, send);
      if (method === 'auth.test') return send({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'TFAULTS' });
      if (method === 'users.info' && params.user === SLACK_USER.id) {
        return send({ ok: true, user: { id: SLACK_USER.id, name: 'fault.runner', real_name: SLACK_USER.name, locale: 'en-US', tz: 'UTC', profile: { real_name: SLACK_USER.name, email: SLACK_USER.email } } });
      }
      send({ ok: false, error: 'unknown_method' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return Object.assign(fake, {
    url,
    apiUrl: `${url}/api/`,
    answers,
    posts,
    waiting: () => waitingPosts.map((entry) => entry.params.channel ?? ''),
    responseUrl: (id: string) => `${url}/response/${encodeURIComponent(id)}`,
    release() {
      fake.heldPrefixes.clear();
      for (const entry of waitingPosts.splice(0)) entry.respond();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

function parseParams(contentType: string, body: string): Record<string, string> {
  if (contentType.includes('json')) {
    const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  }
  return Object.fromEntries(new URLSearchParams(body));
}
