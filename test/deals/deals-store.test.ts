import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureAccount } from '../../src/app/accounts.js';
import { upsertContact } from '../../src/app/contacts.js';
import { createDeal, listDeals, setDealStage, showDeal, updateDeal } from '../../src/app/deals.js';
import { resolveDeal, resolveDealOrAccount } from '../../src/app/deals/lookup.js';
import { assignOutreach, recordOutreachResult } from '../../src/app/deals/outreach.js';
import { addCommitteeMember, addTeamMember, removeCommitteeMember, removeTeamMember } from '../../src/app/deals/people.js';
import { AppError } from '../../src/app/errors.js';
import { upsertMember } from '../../src/app/members.js';
import { readTenantSettings, updateTenantSettings } from '../../src/app/settings.js';
import type { Store } from '../../src/store/database.js';
import { auditLog, buyingCommitteeMembers, dealTeamMembers, interactions, outreachAssignments, relationships, tenants } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore, testContext } from '../helpers/store.js';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe(`deal use cases on ${driverName}`, () => {
  let store: Store;
  let tenantId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    store = await openTestStore();
    tenantId = await createTestTenant(store, 'deals');
    const ctx = testContext(store, tenantId);
    ids.acme = (await ensureAccount(ctx, { name: 'Acme Énergie' })).id;
    ids.globex = (await ensureAccount(ctx, { name: 'Globex' })).id;
    ids.zoe = (await upsertContact(ctx, { accountId: ids.acme, name: 'Zoé Martin', title: 'CFO' })).contact.id;
    ids.ravi = (await upsertContact(ctx, { accountId: ids.acme, name: 'Ravi Shah', title: 'CIO' })).contact.id;
    ids.omar = (await upsertContact(ctx, { accountId: ids.globex, name: 'Omar Diallo' })).contact.id;
    ids.helene = (await upsertMember(ctx, { name: 'Hélène Caron', email: 'helene@northwind.example', role: 'Account Executive' })).member.id;
    ids.yann = (await upsertMember(ctx, { name: 'Yann Le Gall', email: 'yann@northwind.example', role: 'Solutions wizard' })).member.id;
  });
  afterAll(() => store?.close());

  it('creates a deal at the first stage', async () => {
    const ctx = testContext(store, tenantId);
    const deal = await createDeal(ctx, { account: 'acme energie', name: 'Réseau intelligent' });
    expect(deal.stage).toBe('qualification');
    expect(deal.status).toBe('open');
    expect(deal.accountId).toBe(ids.acme);
    ids.grid = deal.id;
  });

  it('reads a stage typed in French', async () => {
    const ctx = testContext(store, tenantId);
    const deal = await createDeal(ctx, { account: 'Acme Énergie', name: 'Cloud migration', stage: 'Négociation', buyingStage: 'supplier selection', amount: 250000, currency: 'eur', expectedCloseOn: '2027-03-31' });
    expect(deal).toMatchObject({ stage: 'negotiation', buyingStage: 'supplier_selection', currency: 'EUR', expectedCloseOn: '2027-03-31' });
    expect(Number(deal.amount)).toBe(250000);
  });

  it('rejects an amount without currency', async () => {
    const error = await failure(createDeal(testContext(store, tenantId), { account: 'Acme Énergie', name: 'Priceless', amount: 10 }));
    expect(error.messageKey).toBe('deals.errors.currencyWithAmount');
  });

  it('rejects a wrong currency code', async () => {
    const error = await failure(createDeal(testContext(store, tenantId), { account: 'Acme Énergie', name: 'Priceless', amount: 10, currency: 'euros' }));
    expect(error.messageKey).toBe('deals.errors.currency');
  });

  it('lists the stages of an unknown stage', async () => {
    const error = await failure(createDeal(testContext(store, tenantId), { account: 'Acme Énergie', name: 'Priceless', stage: 'dreaming' }));
    expect(error.messageKey).toBe('deals.errors.unknown.stage');
    expect(error.params.options).toBe('qualification, discovery, solution, proposal, negotiation, closing');
  });

  it('rejects a second deal of the same name', async () => {
    const error = await failure(createDeal(testContext(store, tenantId), { account: 'Acme Énergie', name: 'RESEAU intelligent' }));
    expect(error.code).toBe('conflict');
  });

  it('finds a deal without accents or case', async () => {
    const deal = await resolveDeal(testContext(store, tenantId), 'reseau INTELLIGENT');
    expect(deal).toMatchObject({ id: ids.grid, accountName: 'Acme Énergie', accountId: ids.acme });
  });

  it('suggests a deal on a typo', async () => {
    const error = await failure(resolveDeal(testContext(store, tenantId), 'Reseau inteligent xyz'));
    expect(error.code).toBe('not_found');
    expect(error.suggestions.map((suggestion) => suggestion.label)).toContain('Réseau intelligent');
  });

  it('asks which account when names clash', async () => {
    const ctx = testContext(store, tenantId);
    await createDeal(ctx, { account: 'Globex', name: 'Cloud Migration' });
    const error = await failure(resolveDeal(ctx, 'cloud migration'));
    expect(error.code).toBe('ambiguous');
    expect(error.suggestions.map((suggestion) => suggestion.detail).sort()).toEqual(['Acme Énergie', 'Globex']);
    expect((await resolveDeal(ctx, 'cloud migration', { account: 'globex' })).accountName).toBe('Globex');
  });

  it('tells deals from accounts', async () => {
    const ctx = testContext(store, tenantId);
    expect((await resolveDealOrAccount(ctx, 'réseau intelligent')).type).toBe('deal');
    expect((await resolveDealOrAccount(ctx, 'globex')).type).toBe('account');
    const error = await failure(resolveDealOrAccount(ctx, 'nothing like it'));
    expect(error.messageKey).toBe('deals.lookup.notFoundDealOrAccount');
  });

  it('moves the stage and audits it', async () => {
    const ctx = testContext(store, tenantId);
    const moved = await setDealStage(ctx, 'Réseau intelligent', 'proposal');
    expect(moved.previousStage).toBe('qualification');
    expect(moved.deal.stage).toBe('proposal');
    expect(moved.changed).toEqual(['stage']);
    const audits = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.targetId, ids.grid!)));
    expect(audits.map((row) => row.action).sort()).toEqual(['deal.create', 'deal.update']);
  });

  it('reports an update without change', async () => {
    const result = await updateDeal(testContext(store, tenantId), { dealId: ids.grid!, stage: 'Proposition' });
    expect(result.changed).toEqual([]);
  });

  it('closes a deal as won', async () => {
    const ctx = testContext(store, tenantId);
    const globexDeal = await resolveDeal(ctx, 'cloud migration', { account: 'Globex' });
    await updateDeal(ctx, { dealId: globexDeal.id, status: 'won' });
    const open = await listDeals(ctx, { status: 'open' });
    expect(open.map((deal) => deal.name).sort()).toEqual(['Cloud migration', 'Réseau intelligent']);
  });

  it('adds team members with roles', async () => {
    const ctx = testContext(store, tenantId);
    const byTitle = await addTeamMember(ctx, { dealId: ids.grid!, memberId: ids.helene! });
    const byDefault = await addTeamMember(ctx, { dealId: ids.grid!, memberId: ids.yann! });
    const changed = await addTeamMember(ctx, { dealId: ids.grid!, memberId: ids.yann!, role: 'Avant-vente' });
    const same = await addTeamMember(ctx, { dealId: ids.grid!, memberId: ids.yann!, role: 'sales_engineer' });
    expect(byTitle).toEqual({ outcome: 'created', role: 'account_executive' });
    expect(byDefault).toEqual({ outcome: 'created', role: 'other' });
    expect(changed).toEqual({ outcome: 'updated', role: 'sales_engineer' });
    expect(same.outcome).toBe('unchanged');
  });

  it('takes a member off the team', async () => {
    const ctx = testContext(store, tenantId);
    expect(await removeTeamMember(ctx, { dealId: ids.grid!, memberId: ids.yann! })).toEqual({ removed: true });
    expect(await removeTeamMember(ctx, { dealId: ids.grid!, memberId: ids.yann! })).toEqual({ removed: false });
    const rows = await store.db.select().from(dealTeamMembers).where(eq(dealTeamMembers.dealId, ids.grid!));
    expect(rows.map((row) => row.memberId)).toEqual([ids.helene]);
  });

  it('adds committee members', async () => {
    const ctx = testContext(store, tenantId);
    const added = await addCommitteeMember(ctx, { dealId: ids.grid!, contactId: ids.zoe!, role: 'décideur économique', attitude: 'sceptique', influence: 'forte', motivations: 'Budget under pressure', motivationTags: ['coût', 'risk'] });
    expect(added.outcome).toBe('created');
    const [row] = await store.db.select().from(buyingCommitteeMembers).where(and(eq(buyingCommitteeMembers.dealId, ids.grid!), eq(buyingCommitteeMembers.contactId, ids.zoe!)));
    expect(row).toMatchObject({ role: 'economic_buyer', attitude: 'sceptic', influence: 'high', motivations: 'Budget under pressure', motivationTags: ['cost', 'risk'] });
  });

  it('updates a committee member', async () => {
    const ctx = testContext(store, tenantId);
    expect((await addCommitteeMember(ctx, { dealId: ids.grid!, contactId: ids.zoe!, attitude: 'supporter' })).outcome).toBe('updated');
    expect((await addCommitteeMember(ctx, { dealId: ids.grid!, contactId: ids.zoe!, attitude: 'supporter' })).outcome).toBe('unchanged');
  });

  it('requires a role to join the committee', async () => {
    const error = await failure(addCommitteeMember(testContext(store, tenantId), { dealId: ids.grid!, contactId: ids.ravi! }));
    expect(error.messageKey).toBe('deals.errors.roleRequired');
  });

  it('rejects a contact of another account', async () => {
    const error = await failure(addCommitteeMember(testContext(store, tenantId), { dealId: ids.grid!, contactId: ids.omar!, role: 'champion' }));
    expect(error.messageKey).toBe('deals.errors.contactOtherAccount');
    const rows = await store.db.select().from(buyingCommitteeMembers).where(eq(buyingCommitteeMembers.contactId, ids.omar!));
    expect(rows).toEqual([]);
  });

  it('rejects an unknown motivation tag', async () => {
    const error = await failure(addCommitteeMember(testContext(store, tenantId), { dealId: ids.grid!, contactId: ids.ravi!, role: 'champion', motivationTags: ['fame'] }));
    expect(error.messageKey).toBe('deals.errors.unknown.motivationTag');
  });

  it('shows a deal with team and committee', async () => {
    const ctx = testContext(store, tenantId);
    await addCommitteeMember(ctx, { dealId: ids.grid!, contactId: ids.ravi!, role: 'technical buyer' });
    const view = await showDeal(ctx, 'réseau intelligent');
    expect(view.account.name).toBe('Acme Énergie');
    expect(view.team.map((member) => [member.name, member.role])).toEqual([['Hélène Caron', 'account_executive']]);
    expect(view.committee.map((row) => [row.name, row.role]).sort()).toEqual([['Ravi Shah', 'technical_buyer'], ['Zoé Martin', 'economic_buyer']]);
  });

  it('removes a committee member', async () => {
    const ctx = testContext(store, tenantId);
    expect(await removeCommitteeMember(ctx, { dealId: ids.grid!, contactId: ids.ravi! })).toEqual({ removed: true });
    await addCommitteeMember(ctx, { dealId: ids.grid!, contactId: ids.ravi!, role: 'technical_buyer' });
  });

  it('assigns and hands over outreach', async () => {
    const ctx = testContext(store, tenantId);
    const first = await assignOutreach(ctx, { dealId: ids.grid!, contactId: ids.ravi!, memberId: ids.yann! });
    const again = await assignOutreach(ctx, { dealId: ids.grid!, contactId: ids.ravi!, memberId: ids.yann! });
    const handedOver = await assignOutreach(ctx, { dealId: ids.grid!, contactId: ids.ravi!, memberId: ids.helene!, viaContactId: ids.zoe! });
    expect([first.outcome, again.outcome, handedOver.outcome]).toEqual(['created', 'unchanged', 'updated']);
    expect(handedOver.assignment).toMatchObject({ id: first.assignment.id, memberId: ids.helene, viaContactId: ids.zoe, status: 'open' });
  });

  it('logs a reached outreach', async () => {
    const ctx = testContext(store, tenantId);
    const { assignment } = await recordOutreachResult(ctx, { dealId: ids.grid!, contactId: ids.ravi!, outcome: 'reached', note: 'Coffee at their office', strength: 3 });
    expect(assignment).toMatchObject({ status: 'done', outcome: 'reached' });
    const [relationship] = await store.db.select().from(relationships).where(and(eq(relationships.memberId, ids.helene!), eq(relationships.contactId, ids.ravi!)));
    expect(relationship).toMatchObject({ strength: 3, lastContactOn: '2026-12-01' });
    const logged = await store.db.select().from(interactions).where(and(eq(interactions.tenantId, tenantId), eq(interactions.accountId, ids.acme!)));
    expect(logged).toHaveLength(1);
  });

  it('needs an open assignment to log a result', async () => {
    const error = await failure(recordOutreachResult(testContext(store, tenantId), { dealId: ids.grid!, contactId: ids.ravi!, outcome: 'declined' }));
    expect(error.messageKey).toBe('deals.errors.noOpenAssignment');
  });

  it('rejects outreach to another account', async () => {
    const error = await failure(assignOutreach(testContext(store, tenantId), { dealId: ids.grid!, contactId: ids.omar!, memberId: ids.yann! }));
    expect(error.messageKey).toBe('deals.errors.contactOtherAccount');
    const rows = await store.db.select().from(outreachAssignments).where(eq(outreachAssignments.contactId, ids.omar!));
    expect(rows).toEqual([]);
  });
});

describe(`tenant settings on ${driverName}`, () => {
  let store: Store;
  let tenantId: string;

  beforeAll(async () => {
    store = await openTestStore();
    tenantId = await createTestTenant(store, 'settings');
  });
  afterAll(() => store?.close());

  it('starts from the defaults', async () => {
    const settings = await readTenantSettings(testContext(store, tenantId));
    expect(settings.coverage.coveredMinStrength).toBe(3);
    expect(settings.coverage.coveredWithinDays).toBe(60);
    expect(settings.deals.stages.map((stage) => stage.id)).toContain('proposal');
  });

  it('changes thresholds and keeps other keys', async () => {
    const ctx = testContext(store, tenantId);
    await store.db.update(tenants).set({ settings: { digest: { weekday: 1 } } }).where(eq(tenants.id, tenantId));
    const updated = await updateTenantSettings(ctx, { coverage: { coveredWithinDays: 45 } });
    expect(updated.coverage.coveredWithinDays).toBe(45);
    expect(updated.coverage.coveredMinStrength).toBe(3);
    const [row] = await store.db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
    expect(row!.settings.digest).toEqual({ weekday: 1 });
  });

  it('accepts custom stages with labels', async () => {
    const ctx = testContext(store, tenantId);
    const stages = [{ id: 'lead' }, { id: 'pilot', label: { en: 'Pilot', fr: 'Pilote' } }, { id: 'proposal' }];
    const updated = await updateTenantSettings(ctx, { deals: { stages } });
    expect(updated.deals.stages).toEqual(stages);
    const deal = await createDeal(ctx, { account: (await ensureAccount(ctx, { name: 'Initech' })).label, name: 'Pilot', stage: 'Pilote' });
    expect(deal.stage).toBe('pilot');
  });

  it('rejects an expectation on an unknown stage', async () => {
    const error = await failure(updateTenantSettings(testContext(store, tenantId), { coverage: { stageExpectations: [{ fromStage: 'negotiation', role: 'economic_buyer' }] } }));
    expect(error.messageKey).toBe('deals.errors.unknownStage');
  });

  it('rejects a key role that is not a role', async () => {
    const error = await failure(updateTenantSettings(testContext(store, tenantId), { coverage: { keyRoles: ['janitor'] } }));
    expect(error.messageKey).toBe('deals.errors.unknownRole');
  });

  it('falls back on defaults for invalid stored settings', async () => {
    await store.db.update(tenants).set({ settings: { coverage: { coveredMinStrength: 'high' } } }).where(eq(tenants.id, tenantId));
    const settings = await readTenantSettings(testContext(store, tenantId));
    expect(settings.coverage.coveredMinStrength).toBe(3);
  });
});
