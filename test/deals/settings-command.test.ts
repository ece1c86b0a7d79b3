// The settings command: the use case on the test store (PGlite, or Postgres with
// TEST_DATABASE_URL), /o2o settings signed into the real Slack receiver, and `o2o settings` spawned
// on a PGlite data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { environmentWithoutMentions, executeCommand, parseCommand, parseFailureReply } from '../../src/app/commands/index.js';
import type { AppContext } from '../../src/app/context.js';
import { createDeal, updateDeal } from '../../src/app/deals.js';
import { upsertMember } from '../../src/app/members.js';
import { readTenantSettings } from '../../src/app/settings.js';
import { ensureTenant } from '../../src/app/tenants.js';
import { createAccount } from '../../src/app/accounts.js';
import { translator } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/database.js';
import { openMigratedStore } from '../../src/store/database.js';
import { auditLog, members } from '../../src/store/schema.js';
import { createTestTenant, openTestStore, testContext } from '../helpers/store.js';
import { sendSigned, startSlackServer, uniqueIds, type SlackServer } from '../slack/helpers/harness.js';
import { slashCommand } from '../slack/helpers/payloads.js';
import { seedWorld } from '../slack/helpers/seed.js';
import { CLI_TIMEOUT, runCli } from '../helpers/cli.js';

const REFUSAL = 'Only an o2o admin can do that. Ask an admin (set in O2O_ADMINS, or a workspace admin).';

/** Parses and runs one line as the CLI, Slack and Teams do, and returns the reply. */
async function runLine(ctx: AppContext, line: string) {
  const t = translator(ctx.locale);
  const parsed = parseCommand(line);
  if (!parsed.ok) return parseFailureReply({ t }, parsed.failure);
  const result = await executeCommand(environmentWithoutMentions(ctx, t), parsed.command);
  if (result.kind !== 'reply') throw new Error('expected a reply');
  return result.reply;
}

describe('settings command', () => {
  let store: Store;
  let tenantId: string;
  let admin: AppContext;
  let member: AppContext;

  beforeAll(async () => {
    store = await openTestStore();
    tenantId = await createTestTenant(store, 'settings');
    const base = testContext(store, tenantId);
    const ada = (await upsertMember(base, { name: 'Ada Admin', email: 'ada@seller.example' })).member;
    const bob = (await upsertMember(base, { name: 'Bob Member', email: 'bob@seller.example' })).member;
    await store.db.update(members).set({ isAdmin: true }).where(eq(members.id, ada.id));
    admin = testContext(store, tenantId, { actor: { memberId: ada.id, name: ada.name } });
    member = testContext(store, tenantId, { actor: { memberId: bob.id, name: bob.name } });
  });

  afterAll(async () => {
    await store.close();
  });

  it('shows the defaults to a member', async () => {
    const reply = await runLine(member, 'settings');
    expect(reply.error).toBeUndefined();
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('Qualification → Discovery → Solution design → Proposal → Negotiation → Closing');
    expect(text).toContain('Economic buyer, Decision maker, Champion');
    expect(text).toContain('60 days');
  });

  it('shows the settings in French', async () => {
    const reply = await runLine({ ...member, locale: 'fr' }, 'settings');
    expect(reply.text).toBe('Réglages des affaires et de la couverture');
    expect(JSON.stringify(reply.blocks)).toContain('60 jours');
  });

  it('refuses a change to a member who is not an admin', async () => {
    const reply = await runLine(member, 'settings covered-days 90');
    expect(reply.error?.code).toBe('forbidden');
    expect(reply.text).toBe(REFUSAL);
    expect((await readTenantSettings(member)).coverage.coveredWithinDays).toBe(60);
  });

  it('changes a coverage number and audits it', async () => {
    const reply = await runLine(admin, 'settings covered-days 90');
    expect(reply.text).toBe('Last contact that still covers is now 90.');
    expect((await readTenantSettings(admin)).coverage.coveredWithinDays).toBe(90);
    const [entry] = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'settings.update'))).orderBy(desc(auditLog.at)).limit(1);
    expect(entry?.actorMemberId).toBe(admin.actor!.memberId);
    expect(entry?.details).toEqual({ changed: ['coverage.coveredWithinDays'] });
  });

  it('reports a value already set without writing', async () => {
    const before = await store.db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId));
    const reply = await runLine(admin, 'settings covered-days 90');
    expect(reply.text).toBe('Nothing changed: Last contact that still covers already had this value.');
    expect(await store.db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId))).toHaveLength(before.length);
  });

  it('rejects a number out of range, in French', async () => {
    const reply = await runLine({ ...admin, locale: 'fr' }, 'settings covered-strength 7');
    expect(reply.error?.code).toBe('invalid_input');
    expect(reply.text).toBe('La force qui couvre un contact doit être un nombre entier de 1 à 5, pas 7.');
  });

  it('rejects a number that is not one', async () => {
    const reply = await runLine(admin, 'settings stale-days soon');
    expect(reply.error?.code).toBe('invalid_input');
    expect(reply.text).toContain("'soon' is not a whole number. Write settings stale-days followed by a number.");
  });

  it('names the settings when one is unknown', async () => {
    const reply = await runLine(admin, 'settings colours red');
    expect(reply.text).toContain("'colours' is not a setting. Use one of: stages, buying-stages");
  });

  it('replaces the stages, keeping built-in ones and adding new ones', async () => {
    const reply = await runLine(admin, 'settings stages Qualification, Discovery, "Proof of concept", Proposal, Negotiation, Closing');
    expect(reply.text).toBe('Selling stages are now: Qualification → Discovery → Proof of concept → Proposal → Negotiation → Closing. Added: Proof of concept. Removed: Solution design.');
    const { deals } = await readTenantSettings(admin);
    expect(deals.stages.map((entry) => entry.id)).toEqual(['qualification', 'discovery', 'proof_of_concept', 'proposal', 'negotiation', 'closing']);
    expect(deals.stages[1]).toEqual({ id: 'discovery' });
    expect(deals.stages[2]).toEqual({ id: 'proof_of_concept', label: { en: 'Proof of concept', fr: 'Proof of concept' } });
  });

  it('reads stage names typed in French', async () => {
    const reply = await runLine({ ...admin, locale: 'fr' }, 'settings stages qualification, découverte, proof_of_concept, proposition, négociation, signature');
    expect(reply.text).toBe('Rien n’a changé : Étapes de vente avait déjà cette valeur.');
  });

  it('rejects an entry listed twice', async () => {
    const reply = await runLine(admin, 'settings motivation-tags cost, risk, Cost');
    expect(reply.text).toBe("'Cost' is listed twice. List each entry once.");
  });

  it('rejects removing a stage that open deals are at, naming how many', async () => {
    const account = await createAccount(admin, { name: 'Initech' });
    await createDeal(admin, { accountId: account.id, name: 'Pilot', stage: 'proof_of_concept' });
    const second = await createDeal(admin, { accountId: account.id, name: 'Rollout', stage: 'proof_of_concept' });
    const reply = await runLine(admin, 'settings stages Qualification, Discovery, Proposal, Negotiation, Closing');
    expect(reply.error?.code).toBe('conflict');
    expect(reply.text).toBe("2 open deals are still at stage 'proof_of_concept'. Move them to another stage with deal stage DEAL STAGE, or keep 'proof_of_concept' in the list.");
    expect((await readTenantSettings(admin)).deals.stages.map((entry) => entry.id)).toContain('proof_of_concept');

    // Closed deals do not hold a stage back.
    await updateDeal(admin, { dealId: second.id, status: 'lost' });
    const french = await runLine({ ...admin, locale: 'fr' }, 'settings stages Qualification, Discovery, Proposal, Negotiation, Closing');
    expect(french.text).toBe('1 affaire ouverte est encore à l’étape « proof_of_concept ». Passez-la à une autre étape avec deal stage AFFAIRE ÉTAPE, ou gardez « proof_of_concept » dans la liste.');
  });

  it('drops the coverage rules of a removed buying role', async () => {
    const reply = await runLine(admin, 'settings committee-roles Decision maker, Champion, Technical buyer, Blocker');
    expect(reply.text).toContain('Removed: Economic buyer, User buyer, Coach, Influencer, Procurement, Legal.');
    expect(reply.text).toContain('Coverage rules removed with them: key role Economic buyer; from Proposal on, Economic buyer.');
    const { coverage } = await readTenantSettings(admin);
    expect(coverage.keyRoles).toEqual(['decision_maker', 'champion']);
    expect(coverage.stageExpectations).toEqual([]);
    expect(Object.keys(coverage.roleWeights).sort()).toEqual(['blocker', 'champion', 'decision_maker', 'technical_buyer']);
  });

  it('sets the key roles from the buying roles', async () => {
    const reply = await runLine(admin, 'settings key-roles champion, blocker');
    expect(reply.text).toBe('Key roles are now: Champion, Blocker. Added: Blocker. Removed: Decision maker.');
    const unknown = await runLine(admin, 'settings key-roles legal');
    expect(unknown.text).toBe("'legal' is not a buying role. Use one of: decision_maker, champion, technical_buyer, blocker.");
  });

  it('sets the roles to cover from a stage and audits it', async () => {
    const reply = await runLine(admin, 'settings stage-expectation proposal Champion, decision maker');
    expect(reply.error).toBeUndefined();
    expect(reply.text).toBe('Roles to cover from a stage on are now: from Proposal on, Champion, Decision maker. Added: Champion, Decision maker.');
    expect((await readTenantSettings(admin)).coverage.stageExpectations).toEqual([
      { fromStage: 'proposal', role: 'champion' },
      { fromStage: 'proposal', role: 'decision_maker' },
    ]);
    const [entry] = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'settings.update'))).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(1);
    expect(entry?.actorMemberId).toBe(admin.actor!.memberId);
    expect(entry?.details).toEqual({ changed: ['coverage.stageExpectations'] });
  });

  it('keeps the stage expectations in stage order', async () => {
    const reply = await runLine(admin, 'settings stage-expectation "Proof of concept" blocker');
    expect(reply.text).toBe('Roles to cover from a stage on are now: from Proof of concept on, Blocker; from Proposal on, Champion, Decision maker. Added: Blocker.');
    const replaced = await runLine(admin, 'settings stage-expectation proposal champion');
    expect(replaced.text).toBe('Roles to cover from a stage on are now: from Proof of concept on, Blocker; from Proposal on, Champion. Removed: Decision maker.');
    const cleared = await runLine(admin, 'settings stage-expectation proof_of_concept none');
    expect(cleared.text).toBe('Roles to cover from a stage on are now: from Proposal on, Champion. Removed: Blocker.');
    expect((await readTenantSettings(admin)).coverage.stageExpectations).toEqual([{ fromStage: 'proposal', role: 'champion' }]);
  });

  it('rejects a stage expectation with an unknown stage or role', async () => {
    const stage = await runLine(admin, 'settings stage-expectation pilot champion');
    expect(stage.error?.code).toBe('invalid_input');
    expect(stage.text).toBe("'pilot' is not a stage. Use one of: qualification, discovery, proof_of_concept, proposal, negotiation, closing.");
    const role = await runLine({ ...admin, locale: 'fr' }, 'settings stage-expectation proposition acheteur économique');
    expect(role.error?.code).toBe('invalid_input');
    expect(role.text).toBe('« acheteur économique » n’est pas un rôle d’achat. Choisissez parmi : decision_maker, champion, technical_buyer, blocker.');
    const missing = await runLine(admin, 'settings stage-expectation proposal');
    expect(missing.text).toContain('Give a stage, then the buying roles to cover from that stage on, separated by commas');
    expect((await readTenantSettings(admin)).coverage.stageExpectations).toEqual([{ fromStage: 'proposal', role: 'champion' }]);
  });

  it('changes a role weight and audits it', async () => {
    const reply = await runLine(admin, 'settings role-weight Decision maker 0.75');
    expect(reply.error).toBeUndefined();
    expect(reply.text).toBe('Decision maker now weighs 0.75 in the coverage score.');
    expect((await readTenantSettings(admin)).coverage.roleWeights).toEqual({ decision_maker: 0.75, champion: 0.8, technical_buyer: 0.6, blocker: 0.7 });
    const [entry] = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'settings.update'))).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(1);
    expect(entry?.details).toEqual({ changed: ['coverage.roleWeights'] });

    const french = await runLine({ ...admin, locale: 'fr' }, 'settings role-weight champion 0,6');
    expect(french.text).toBe('Champion pèse désormais 0,6 dans le score de couverture.');
    expect((await readTenantSettings(admin)).coverage.roleWeights.champion).toBe(0.6);
    const again = await runLine(admin, 'settings role-weight champion 0.6');
    expect(again.text).toBe('Nothing changed: Weight of each buying role already had this value.');
  });

  it('removes a role weight with none', async () => {
    const reply = await runLine(admin, 'settings role-weight blocker none');
    expect(reply.text).toBe('Blocker no longer has a weight of its own, so it weighs 0.5 in the coverage score, as any role without one.');
    expect((await readTenantSettings(admin)).coverage.roleWeights).toEqual({ decision_maker: 0.75, champion: 0.6, technical_buyer: 0.6 });
  });

  it('rejects a role weight out of range or unknown', async () => {
    const range = await runLine(admin, 'settings role-weight champion 1.5');
    expect(range.error?.code).toBe('invalid_input');
    expect(range.text).toBe('The weight of a buying role must be a number from 0 to 1, such as 0.8, not 1.5.');
    const french = await runLine({ ...admin, locale: 'fr' }, 'settings role-weight champion 2');
    expect(french.text).toBe('Le poids d’un rôle d’achat doit être un nombre de 0 à 1, comme 0,8, pas 2.');
    const word = await runLine(admin, 'settings role-weight champion high');
    expect(word.error?.code).toBe('invalid_input');
    expect(word.text).toContain("'high' is not a weight. Write settings role-weight champion followed by a number from 0 to 1, such as 0.8, or none.");
    const role = await runLine(admin, 'settings role-weight legal 0.3');
    expect(role.text).toBe("'legal' is not a buying role. Use one of: decision_maker, champion, technical_buyer, blocker.");
    const missing = await runLine(admin, 'settings role-weight 0.3');
    expect(missing.text).toContain('Give a buying role, then its weight from 0 to 1');
    expect((await readTenantSettings(admin)).coverage.roleWeights.champion).toBe(0.6);
  });

  it('refuses stage expectations and weights to a member', async () => {
    const expectation = await runLine(member, 'settings stage-expectation closing champion');
    expect(expectation.error?.code).toBe('forbidden');
    expect(expectation.text).toBe(REFUSAL);
    const weight = await runLine(member, 'settings role-weight champion 1');
    expect(weight.text).toBe(REFUSAL);
    const { coverage } = await readTenantSettings(admin);
    expect(coverage.stageExpectations).toEqual([{ fromStage: 'proposal', role: 'champion' }]);
    expect(coverage.roleWeights.champion).toBe(0.6);
  });

  it('lists every form in help settings', async () => {
    const english = await runLine(member, 'help settings');
    expect(JSON.stringify(english)).toContain('settings stage-expectation STAGE ROLE, ROLE|none · settings role-weight ROLE 0-1|none');
    const french = await runLine({ ...member, locale: 'fr' }, 'help settings');
    expect(JSON.stringify(french)).toContain('settings stage-expectation ÉTAPE RÔLE, RÔLE|aucun · settings role-weight RÔLE 0-1|aucun');
  });

  it('shows stage expectations and weights', async () => {
    const english = JSON.stringify((await runLine(member, 'settings')).blocks);
    expect(english).toContain('from Proposal on, Champion');
    expect(english).toContain('Decision maker 0.75, Champion 0.6, Technical buyer 0.6');
    const french = JSON.stringify((await runLine({ ...member, locale: 'fr' }, 'settings')).blocks);
    expect(french).toContain('Décideur 0,75');
  });
});

describe('settings in Slack', () => {
  let store: Store;
  let server: SlackServer;
  const ids = uniqueIds();
  let requests = 0;

  beforeAll(async () => {
    store = await openTestStore();
    await seedWorld(store, ids.team);
    // Hélène (W111) is an admin through O2O_ADMINS; Marc (W333) is a plain member who reads French.
    server = await startSlackServer({ store, env: { O2O_ADMINS: 'helene.caron@northwind.example' } });
    server.fake.users.set('W111', { id: 'W111', name: 'Hélène Caron', locale: 'en-GB', email: 'helene.caron@northwind.example' });
    server.fake.users.set('W333', { id: 'W333', name: 'Marc Lemaire', locale: 'fr-FR' });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
  });

  beforeEach(() => server.fake.reset());

  async function workspaceContext(): Promise<AppContext> {
    const tenant = await ensureTenant(store.db, `slack:${ids.team}`, { name: ids.team });
    return testContext(store, tenant.id);
  }

  async function run(text: string, user: string) {
    const target = `settings-${++requests}`;
    const response = await sendSigned(server, slashCommand(ids, text, { user, responseUrl: server.fake.responseUrl(target) }));
    expect(response.status).toBe(200);
    return (await server.fake.waitFor('response_url', (call) => call.target === target)).params;
  }

  it('shows the settings to a member, in French', async () => {
    const message = await run('settings', 'W333');
    expect(message.text).toContain('Réglages des affaires et de la couverture');
    expect(JSON.stringify(message.blocks)).toContain('Qualification → Découverte');
  });

  it('refuses a change to a member, in French', async () => {
    const message = await run('settings stale-days 21', 'W333');
    expect(message.text).toContain('Seul un administrateur o2o peut faire cela.');
    expect((await readTenantSettings(await workspaceContext())).coverage.staleWarningDays).toBe(14);
  });

  it('lets an admin change a number', async () => {
    const message = await run('settings stale-days 21', 'W111');
    expect(message.text).toBe('Warning before a relationship goes stale is now 21.');
    expect((await readTenantSettings(await workspaceContext())).coverage.staleWarningDays).toBe(21);
  });

  it('explains a list left empty', async () => {
    const message = await run('settings team-roles', 'W111');
    expect(message.text).toContain('Give the new list after settings team-roles, separated by commas.');
  });
});

describe('settings on the command line', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'o2o-cli-settings-'));
    const cliStore = await openMigratedStore({ dataDir });
    try {
      const { id } = await ensureTenant(cliStore.db, 'local:default', { name: 'o2o' });
      await upsertMember(testContext(cliStore, id), { name: 'Olga Owner', email: 'olga@seller.example' });
    } finally {
      await cliStore.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const o2o = (...args: string[]) => runCli(dataDir, args);


  it('changes the buying stages as the operator', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('settings', 'buying-stages', 'Problem identification,', 'Supplier selection,', 'Consensus');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(
      'Buying stages are now: Problem identification → Supplier selection → Consensus. Removed: Solution exploration, Requirements building, Validation.',
    );
  });

  it('shows the changed settings', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('settings');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Buying stages — settings buying-stages\n    Problem identification → Supplier selection → Consensus');
  });

  it('refuses a member who is not an admin', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--as', 'olga@seller.example', 'settings', 'max-assignments', '3');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(REFUSAL);
  });

  it('sets a stage expectation from separate arguments', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('settings', 'stage-expectation', 'negotiation', 'Economic', 'buyer,', 'Champion');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('Roles to cover from a stage on are now: from Proposal on, Economic buyer; from Negotiation on, Economic buyer, Champion. Added: Economic buyer, Champion.');
  });

  it('sets a role weight named in one argument, in French', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--lang', 'fr', 'settings', 'role-weight', 'Economic buyer', '0,9');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('Décideur économique pèse désormais 0,9 dans le score de couverture.');
  });

  it('explains a bad value in French', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--lang', 'fr', 'settings', 'account-contacts', '500');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Le nombre de contacts évalués pour un compte doit être un nombre entier de 1 à 100, pas 500.');
  });
});
