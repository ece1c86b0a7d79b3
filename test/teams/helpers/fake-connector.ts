// A Bot Connector on 127.0.0.1 that records what the bot sends, and replies with an error on demand.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The conversation id from the path, decoded. */
  conversationId?: string;
  /** The activity id from the path (the one replied to or updated), decoded. */
  activityId?: string;
  body: any;
  /** The id this connector gave a new activity or conversation, as the bot later names it. */
  responseId?: string;
}

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  tenantId?: string;
}

export class FakeConnector {
  readonly requests: RecordedRequest[] = [];
  private readonly failures: Array<{ status: number; headers: Record<string, string> }> = [];
  private readonly users = new Map<string, TeamsUser>();
  private server?: http.Server;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Makes the next `count` requests fail with `status` (with Retry-After 0 for 429, so retries come at once). */
  failNext(status: number, count = 1): void {
    for (let index = 0; index < count; index++) this.failures.push({ status, headers: status === 429 ? { 'retry-after': '0' } : {} });
  }

  /** Stops failing requests that are still queued to fail. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Adds a Teams user that the members API returns, by Teams user id and by Entra object id. */
  addUser(user: TeamsUser): void {
    this.users.set(user.id, user);
    this.users.set(user.aadObjectId, user);
  }

  reset(): void {
    this.requests.length = 0;
    this.clearFailures();
  }

  /** Activities the bot posted (new messages and replies), in order. */
  get sent(): RecordedRequest[] {
    return this.requests.filter((request) => request.method === 'POST' && /\/activities(\/[^/]+)?$/.test(request.path) && request.body?.type !== 'typing');
  }

  /** Card updates (PUT of an activity). */
  get updates(): RecordedRequest[] {
    return this.requests.filter((request) => request.method === 'PUT');
  }

  /** Conversations the bot created (proactive personal chats). */
  get created(): RecordedRequest[] {
    return this.requests.filter((request) => request.method === 'POST' && request.path === '/v3/conversations');
  }

  /** The Adaptive Cards of the messages sent, in order, typing indicators left out. */
  get cards(): any[] {
    return this.sent.flatMap((request) => (request.body?.attachments ?? []).map((attachment: any) => attachment.content));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = (request.url ?? '/').split('?')[0]!;
    const match = /^\/v3\/conversations\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?$/.exec(path);
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      ...(match?.[1] && { conversationId: decodeURIComponent(match[1]) }),
      ...(match?.[2] === 'activities' && match[3] && { activityId: decodeURIComponent(match[3]) }),
      body: text ? JSON.parse(text) : undefined,
    };
    this.requests.push(recorded);

    const failure = this.failures.shift();
    if (failure) return this.reply(response, failure.status, { error: { code: 'Forced', message: `forced ${failure.status}` } }, failure.headers);

    if (recorded.method === 'POST' && path === '/v3/conversations') {
      recorded.responseId = `a:created-${++this.counter}`;
      return this.reply(response, 201, { id: recorded.responseId });
    }
    if (match?.[2] === 'members' && recorded.method === 'GET') {
      const user = this.users.get(decodeURIComponent(match[3] ?? ''));
      return user ? this.reply(response, 200, user) : this.reply(response, 404, { error: { code: 'MemberNotFoundInConversation' } });
    }
    if (match?.[2] === 'activities') {
      recorded.responseId = recorded.activityId && recorded.method === 'PUT' ? recorded.activityId : `activity-${++this.counter}`;
      return this.reply(response, 200, { id: recorded.responseId });
    }
    return this.reply(response, 404, { error: { code: 'NotFound' } });
  }

  private reply(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  }
}
