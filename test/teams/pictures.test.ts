// Power maps linked by URL: with O2O_PUBLIC_URL the Teams card points at /pictures/<id>.png,
// which any server on the same store serves until the picture expires.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadDemo } from '../../src/app/demo.js';
import { POWER_MAP_ACTION } from '../../src/app/deals/actions.js';
import { createLogger } from '../../src/config/logger.js';
import { runDueRetention } from '../../src/jobs/retention.js';
import type { Store } from '../../src/store/database.js';
import { deleteExpiredPictures, insertPicture } from '../../src/store/pictures.js';
import { accounts, pictures, tenants } from '../../src/store/schema.js';
import { PICTURE_BUDGET_BYTES, PICTURE_LIFETIME_MS } from '../../src/teams/cards/picture.js';
import { teamsTenantKey } from '../../src/teams/turn.js';
import { driverName, openTestStore, testContext } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { message, newScene, newSender, startTeamsServer, type Scene, type Sender, type TeamsServer } from './helpers/teams-server.js';

const PUBLIC_URL = 'https://o2o.example.com/';
const PICTURE_URL = /^https:\/\/o2o\.example\.com\/pictures\/([A-Za-z0-9_-]{24})\.png$/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function imagesOf(card: any): Array<{ url: string; altText: string; msTeams?: { allowExpand?: boolean } }> {
  return (card.body as Array<{ type: string; url: string; altText: string }>).filter((element) => element.type === 'Image');
}

function textsOf(card: any): string[] {
  return JSON.stringify(card.body).match(/"text":"[^"]*"/g) ?? [];
}

/** Returns the width and height that a PNG's IHDR chunk declares. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe(`Teams power maps linked by URL on ${driverName}`, () => {
  let store: Store;
  let connector: FakeConnector;
  let linking: TeamsServer;
  let inline: TeamsServer;
  let scene: Scene;
  let seller: Sender;
  let tenantId: string;

  async function say(server: TeamsServer, text: string, options: Parameters<typeof message>[3] = {}) {
    connector.reset();
    const response = await server.post(message(scene, seller, text, options));
    expect(response.status).toBe(200);
    return connector.cards;
  }

  /** Fetches a card's picture from `server`, whatever host the card's URL names. */
  function fetchPicture(server: TeamsServer, url: string): Promise<Response> {
    return fetch(`${server.url}${new URL(url).pathname}`);
  }

  async function pictureRow(id: string) {
    const [row] = await store.db.select().from(pictures).where(eq(pictures.id, id));
    return row;
  }

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
    linking = await startTeamsServer(store, { TEAMS_LOCAL_MODE: 'true', O2O_PUBLIC_URL: PUBLIC_URL });
    inline = await startTeamsServer(store, { TEAMS_LOCAL_MODE: 'true' });
    scene = newScene(connector.url);
    seller = newSender('Camille Martin');

    await say(linking, 'help');
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    tenantId = tenant!.id;
    await loadDemo(testContext(store, tenantId));
  }, 60_000);

  afterAll(async () => {
    await linking?.close();
    await inline?.close();
    await connector?.stop();
    await store?.close();
  });

  it('links the Acme Energy map and serves it as PNG', async () => {
    const [card] = await say(linking, 'map "Acme Energy"');
    const images = imagesOf(card);
    expect(images).toHaveLength(1);
    const id = PICTURE_URL.exec(images[0]!.url)?.[1];
    expect(id).toBeDefined();
    expect(images[0]!.altText).toContain('Acme Energy');
    expect(images[0]!.msTeams?.allowExpand).toBe(true);

    const response = await fetchPicture(linking, images[0]!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // Rendered at 2x, and far larger than a picture sent inside a message may be.
    expect(pngSize(png).width).toBeGreaterThan(2000);
    expect(png.length * 4 / 3).toBeGreaterThan(PICTURE_BUDGET_BYTES);

    const row = await pictureRow(id!);
    expect(row?.tenantId).toBe(tenantId);
    expect(row?.png.equals(png)).toBe(true);
  });

  it('lets clients cache a picture privately until it expires', async () => {
    const [card] = await say(linking, 'map "Acme Energy"');
    const response = await fetchPicture(linking, imagesOf(card)[0]!.url);
    const cacheControl = response.headers.get('cache-control') ?? '';
    expect(cacheControl).toMatch(/^private, max-age=\d+$/);
    const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)![1]);
    expect(maxAge).toBeLessThanOrEqual(PICTURE_LIFETIME_MS / 1000);
    expect(maxAge).toBeGreaterThan(PICTURE_LIFETIME_MS / 1000 - 120);
  });

  it('links the HM Treasury map of a map button', async () => {
    const [account] = await store.db.select().from(accounts).where(and(eq(accounts.tenantId, tenantId), eq(accounts.name, 'HM Treasury')));
    const [card] = await say(linking, '', { value: { verb: 'o2o', actionId: POWER_MAP_ACTION, value: `account:${account!.id}` } });
    const images = imagesOf(card);
    expect(images).toHaveLength(1);
    expect(images[0]!.url).toMatch(PICTURE_URL);
    expect(images[0]!.altText).toContain('HM Treasury');

    const response = await fetchPicture(linking, images[0]!.url);
    expect(response.status).toBe(200);
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png).width).toBe(4000);
  });

  it('serves a picture from another server on the same store', async () => {
    const [card] = await say(linking, 'map "Acme Energy"');
    const response = await fetchPicture(inline, imagesOf(card)[0]!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
  });

  it('returns a bare 404 for unknown and malformed ids', async () => {
    const unknown = await fetch(`${linking.url}/pictures/AAAAAAAAAAAAAAAAAAAAAAAA.png`);
    const malformed = await fetch(`${linking.url}/pictures/not-an-id.png`);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    const bodies = [await unknown.text(), await malformed.text()];
    expect(bodies[0]).toBe(bodies[1]);
    expect(unknown.headers.get('content-type')).not.toContain('image/png');
  });

  it('returns 404 for an expired picture, which pruning deletes', async () => {
    const [card] = await say(linking, 'map "Acme Energy"');
    const id = PICTURE_URL.exec(imagesOf(card)[0]!.url)![1]!;
    await store.db.update(pictures).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(pictures.id, id));
    const unknown = await fetch(`${linking.url}/pictures/AAAAAAAAAAAAAAAAAAAAAAAA.png`);

    const expired = await fetchPicture(linking, imagesOf(card)[0]!.url);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(await unknown.text());
    expect(await pictureRow(id)).toBeDefined();

    const deps = { db: store.db, logger: createLogger('silent'), workerId: 'pictures-test', senders: [], now: () => new Date() };
    expect(await runDueRetention(deps, 1000)).toBeGreaterThanOrEqual(1);
    expect(await pictureRow(id)).toBeUndefined();
  });

  it('prunes only expired pictures', async () => {
    const now = new Date();
    const png = Buffer.concat([PNG_SIGNATURE, Buffer.from('body')]);
    const expired = await insertPicture(store.db, tenantId, png, new Date(now.getTime() - 1));
    const current = await insertPicture(store.db, tenantId, png, new Date(now.getTime() + 60_000));

    expect(await deleteExpiredPictures(store.db, now)).toBeGreaterThanOrEqual(1);
    expect(await pictureRow(expired)).toBeUndefined();
    expect((await pictureRow(current))?.png.equals(png)).toBe(true);
  });

  it('keeps the picture inside the card without O2O_PUBLIC_URL', async () => {
    const count = async () => (await store.db.select({ id: pictures.id }).from(pictures).where(eq(pictures.tenantId, tenantId))).length;
    const stored = await count();

    const [card] = await say(inline, 'map "Acme Energy"');
    expect(imagesOf(card)).toHaveLength(0);
    const texts = textsOf(card).join('\n');
    expect(texts).toContain('The picture is too large for a Teams message');
    expect(texts).toContain('An administrator can set O2O_PUBLIC_URL on the o2o server so that Teams shows maps of any size.');
    expect(await count()).toBe(stored);
  });

  it('says in French how to show a large map', async () => {
    const [card] = await say(inline, 'map "Acme Energy"', { locale: 'fr-FR' });
    expect(textsOf(card).join('\n')).toContain('Un administrateur peut renseigner O2O_PUBLIC_URL sur le serveur o2o pour que Teams affiche les cartes de toute taille.');
  });

  it('sends a small map inside the card without O2O_PUBLIC_URL', async () => {
    await say(inline, 'contact add "Jane Doe" at Tiny Co title CFO');
    const [card] = await say(inline, 'map "Tiny Co"');
    const images = imagesOf(card);
    expect(images).toHaveLength(1);
    expect(images[0]!.url).toMatch(/^data:image\/png;base64,/);
  });
});
