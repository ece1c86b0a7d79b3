// A fake Slack Web API on 127.0.0.1 that records chat.postMessage and chat.update calls, and can
// answer the first calls with 429 and a Retry-After header.
import http from 'node:http';

export interface PostedMessage {
  method: string;
  channel: string;
  text: string;
  blocks: unknown[];
  ts: string;
}

export interface FakeSlackApi {
  url: string;
  posted: PostedMessage[];
  /** Calls answered 429 so far. */
  rateLimited: number;
  /** Slack error codes to answer the next calls with, in order, such as not_in_channel. */
  errors: string[];
  close(): Promise<void>;
}

export async function startFakeSlackApi(options: { rateLimitFirst?: number; retryAfterSeconds?: number; delayMs?: number } = {}): Promise<FakeSlackApi> {
  const posted: PostedMessage[] = [];
  const api = { posted, rateLimited: 0, errors: [] as string[] };
  let toLimit = options.rateLimitFirst ?? 0;

  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const method = (request.url ?? '').replace(/^\/+/, '').split('?')[0]!;
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(payload));
      };
      if (toLimit > 0) {
        toLimit -= 1;
        api.rateLimited += 1;
        send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(options.retryAfterSeconds ?? 1) });
        return;
      }
      const error = api.errors.shift();
      if (error) {
        send(200, { ok: false, error });
        return;
      }
      const params = parseBody(request.headers['content-type'] ?? '', body);
      setTimeout(() => {
        if (method === 'chat.postMessage' || method === 'chat.update') {
          const ts = `${Date.now() / 1000}.${String(posted.length).padStart(6, '0')}`;
          posted.push({ method, channel: String(params.channel), text: String(params.text ?? ''), blocks: toArray(params.blocks), ts });
          send(200, { ok: true, channel: params.channel, ts });
          return;
        }
        send(200, { ok: false, error: 'unknown_method' });
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return Object.assign(api, {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

function parseBody(contentType: string, body: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(body || '{}') as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(body));
}

function toArray(blocks: unknown): unknown[] {
  if (Array.isArray(blocks)) return blocks;
  if (typeof blocks === 'string') return JSON.parse(blocks) as unknown[];
  return [];
}
