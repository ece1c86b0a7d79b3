// The settings command in Teams: messages posted to the real endpoint, replies read from the fake
// connector. The sender whose object id is in O2O_ADMINS is an admin; the other is a plain member.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readTenantSettings } from '../../src/app/settings.js';
import type { Store } from '../../src/store/database.js';
import { auditLog, tenants } from '../../src/store/schema.js';
import { teamsTenantKey } from '../../src/teams/turn.js';
import { openTestStore, testContext } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { message, newScene, newSender, startTeamsServer, type Scene, type Sender, type TeamsServer } from './helpers/teams-server.js';

describe('settings in Teams', () => {
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;
  let scene: Scene;
  const admin: Sender = newSender('Ada Admin');
  const member: Sender = newSender('Bob Durand');

  /** Sends `text` as `from` and returns everything the bot posted back, as JSON. */
  async function say(from: Sender, text: string, locale = 'en-US'): Promise<string> {
    connector.reset();
    const response = await server.post(message(scene, from, text, { locale }));
    expect(response.status).toBe(200);
    expect(connector.sent.length).toBeGreaterThan(0);
    return JSON.stringify(connector.sent.map((request) => request.body));
  }

  async function coverageSettings() {
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    return { tenantId: tenant!.id, coverage: (await readTenantSettings(testContext(store, tenant!.id))).coverage };
  }

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store, { TEAMS_LOCAL_MODE: 'true', O2O_ADMINS: admin.aadObjectId });
    scene = newScene(connector.url);
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
    await store.close();
  });

  it('shows the settings to a member', async () => {
    const reply = await say(member, 'settings');
    expect(reply).toContain('Deal and coverage settings');
    expect(reply).toContain('Qualification → Discovery → Solution design → Proposal → Negotiation → Closing');
    expect(reply).toContain('from Proposal on, Economic buyer');
    expect(reply).toContain('Economic buyer 1, Decision maker 0.9');
  });

  it('shows the settings in French', async () => {
    const reply = await say(member, 'settings', 'fr-FR');
    expect(reply).toContain('Réglages des affaires et de la couverture');
    expect(reply).toContain('à partir de l’étape Proposition, Décideur économique');
  });

  it('refuses a change to a member who is not an admin', async () => {
    const reply = await say(member, 'settings role-weight champion 1');
    expect(reply).toContain('Only an o2o admin can do that.');
    const french = await say(member, 'settings stage-expectation negotiation champion', 'fr-FR');
    expect(french).toContain('Seul un administrateur o2o peut faire cela.');

    const { coverage } = await coverageSettings();
    expect(coverage.roleWeights.champion).toBe(0.8);
    expect(coverage.stageExpectations).toEqual([{ fromStage: 'proposal', role: 'economic_buyer' }]);
  });

  it('lets an admin change a stage expectation and a weight', async () => {
    const expectation = await say(admin, 'settings stage-expectation negotiation champion, economic buyer');
    expect(expectation).toContain('Roles to cover from a stage on are now: from Proposal on, Economic buyer; from Negotiation on, Champion, Economic buyer. Added: Champion, Economic buyer.');
    const weight = await say(admin, 'settings role-weight champion 0.95');
    expect(weight).toContain('Champion now weighs 0.95 in the coverage score.');

    const { tenantId, coverage } = await coverageSettings();
    expect(coverage.stageExpectations).toEqual([
      { fromStage: 'proposal', role: 'economic_buyer' },
      { fromStage: 'negotiation', role: 'champion' },
      { fromStage: 'negotiation', role: 'economic_buyer' },
    ]);
    expect(coverage.roleWeights.champion).toBe(0.95);
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(auditLog.id);
    expect(audit.filter((entry) => entry.action === 'settings.update').map((entry) => entry.details)).toEqual([
      { changed: ['coverage.stageExpectations'] },
      { changed: ['coverage.roleWeights'] },
    ]);
  });

  it('explains a weight out of range to an admin, in French', async () => {
    const reply = await say(admin, 'settings role-weight champion 3', 'fr-FR');
    expect(reply).toContain('Le poids d’un rôle d’achat doit être un nombre de 0 à 1, comme 0,8, pas 3.');
    expect((await coverageSettings()).coverage.roleWeights.champion).toBe(0.95);
  });
});
