// A stand-in for the Slack Web API and response URLs on 127.0.0.1. It records every call and
// responds as Slack does to the methods o2o uses, including the three steps of files.uploadV2:
// files.getUploadURLExternal, the upload to the URL it returns, and files.completeUploadExternal.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  /** Form fields, with JSON-encoded fields (view, blocks) decoded; or the JSON body of a response_url post. */
  params: Record<string, any>;
  /** For response_url posts: the path id the URL ended with. */
  target?: string;
  /** The fake's response. */
  result?: Record<string, any>;
  /** The bearer token the call was made with. */
  token?: string;
  /** For uploads (method "file_upload"): the bytes of the uploaded file. */
  bytes?: Buffer;
}

export interface FakeUser {
  id: string;
  name: string;
  email?: string;
  locale?: string;
  tz?: string;
  isBot?: boolean;
  teamId?: string;
  stranger?: boolean;
  /** Workspace admin or owner, as users.info reports it. */
  isAdmin?: boolean;
  isOwner?: boolean;
}

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  users: Map<string, FakeUser>;
  /** Response of oauth.v2.access. */
  oauthAccess: Record<string, unknown>;
  /** WebSocket URL returned by apps.connections.open; unset answers invalid_auth. */
  socketUrl: string | undefined;
  /** Slack error codes that chat.postMessage and files.completeUploadExternal answer for a channel, such as not_in_channel. */
  channelErrors: Map<string, string>;
  /** A response URL on this server; posts to it are recorded as method "response_url". */
  responseUrl(id?: string): string;
  callsTo(method: string): RecordedCall[];
  /** Calls `listener` on every call as it arrives; returns the function that stops it. */
  subscribe(listener: (call: RecordedCall) => void): () => void;
  /** Waits until a call matches, and returns it. */
  waitFor(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  reset(): void;
  close(): Promise<void>;
}

function decodeForm(body: string): Record<string, any> {
  const params: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return params;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Returns the uploaded file's bytes: the first file of a multipart body, else the body itself. */
async function readUpload(raw: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'Content-Type': contentType } }).formData();
  for (const [, value] of form) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

function userPayload(user: FakeUser) {
  return {
    id: user.id,
    ...(user.teamId && { team_id: user.teamId }),
    name: user.name.toLowerCase().replace(/\s+/g, '.'),
    real_name: user.name,
    deleted: false,
    is_bot: Boolean(user.isBot),
    is_stranger: Boolean(user.stranger),
    is_admin: Boolean(user.isAdmin),
    is_owner: Boolean(user.isOwner),
    locale: user.locale ?? 'en-US',
    tz: user.tz ?? 'Europe/London',
    profile: { real_name: user.name, display_name: user.name.split(' ')[0], ...(user.email && { email: user.email }) },
  };
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const listeners = new Set<(call: RecordedCall) => void>();
  const record = (call: RecordedCall) => {
    calls.push(call);
    for (const listener of listeners) listener(call);
  };
  const users = new Map<string, FakeUser>();
  const channelErrors = new Map<string, string>();
  let viewCounter = 0;
  let fileCounter = 0;
  const fake = { oauthAccess: {} as Record<string, unknown>, socketUrl: undefined as string | undefined, baseUrl: '' };

  const answer = (method: string, params: Record<string, any>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T-home', url: 'https://fake.example/' };
      case 'users.info': {
        const user = users.get(params.user);
        return user ? { ok: true, user: userPayload(user) } : { ok: false, error: 'user_not_found' };
      }
      case 'views.open':
      case 'views.push':
        viewCounter += 1;
        return { ok: true, view: { id: `V${viewCounter}`, ...params.view } };
      case 'views.update':
        return { ok: true, view: { id: params.view_id ?? 'V0', ...params.view } };
      case 'views.publish':
        return { ok: true, view: { id: 'VHOME', ...params.view } };
      case 'chat.getPermalink':
        if (!/^\d+\.\d+$/.test(String(params.message_ts))) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel: params.channel, permalink: `https://fake.example/archives/${params.channel}/p${String(params.message_ts).replace('.', '')}` };
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const error = channelErrors.get(String(params.channel));
        return error ? { ok: false, error } : { ok: true, channel: params.channel, ts: '1700000000.000100' };
      }
      case 'files.getUploadURLExternal':
        if (!params.filename || !Number(params.length)) return { ok: false, error: 'invalid_arguments' };
        fileCounter += 1;
        return { ok: true, upload_url: `${fake.baseUrl}/upload/F${fileCounter}`, file_id: `F${fileCounter}` };
      case 'files.completeUploadExternal': {
        const error = params.channel_id ? channelErrors.get(String(params.channel_id)) : undefined;
        if (error) return { ok: false, error };
        const files = Array.isArray(params.files) ? params.files : [];
        return { ok: true, files: files.map((file: { id: string; title?: string }) => ({ id: file.id, title: file.title, channels: params.channel_id ? [params.channel_id] : [] })) };
      }
      case 'oauth.v2.access':
        return fake.oauthAccess;
      case 'apps.connections.open':
        return fake.socketUrl ? { ok: true, url: fake.socketUrl } : { ok: false, error: 'invalid_auth' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      const path = (request.url ?? '').split('?')[0]!;
      if (path.startsWith('/upload/')) {
        void readUpload(raw, String(request.headers['content-type'] ?? '')).then((bytes) => {
          record({ method: 'file_upload', params: {}, target: path.slice('/upload/'.length), bytes });
          response.writeHead(200, { 'Content-Type': 'text/plain' });
          response.end(`OK - ${bytes.length}`);
        });
        return;
      }
      if (path.startsWith('/response/')) {
        record({ method: 'response_url', params: safeJson(body) as Record<string, any>, target: path.slice('/response/'.length) });
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        response.end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const params = (request.headers['content-type'] ?? '').includes('json') ? (safeJson(body) as Record<string, any>) : decodeForm(body);
      const result = answer(method, params);
      const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '') || params.token;
      record({ method, params, result, ...(token && { token }) });
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.baseUrl = url;

  const callsTo = (method: string) => calls.filter((call) => call.method === method);
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    users,
    get oauthAccess() {
      return fake.oauthAccess;
    },
    set oauthAccess(value: Record<string, unknown>) {
      fake.oauthAccess = value;
    },
    get socketUrl() {
      return fake.socketUrl;
    },
    set socketUrl(value: string | undefined) {
      fake.socketUrl = value;
    },
    channelErrors,
    responseUrl: (id = 'r1') => `${url}/response/${id}`,
    callsTo,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async waitFor(method, predicate = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = callsTo(method).find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no ${method} call within ${timeoutMs} ms; calls: ${calls.map((call) => call.method).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    reset: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
