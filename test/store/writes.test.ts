import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureAccount } from '../../src/app/accounts.js';
import { upsertContact } from '../../src/app/contacts.js';
import { AppError } from '../../src/app/errors.js';
import { logInteraction } from '../../src/app/interactions.js';
import { resolveAccount, resolveContact } from '../../src/app/lookup.js';
import { upsertMember } from '../../src/app/members.js';
import { logRelationship } from '../../src/app/relationships.js';
import { addInfluenceLink, setReportingLine } from '../../src/app/structure.js';
import type { Store } from '../../src/store/database.js';
import { contacts, relationshipHistory, relationships, reportingLines } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore, testContext } from '../helpers/store.js';

describe(`write use cases on ${driverName}`, () => {
  let store: Store;
  let tenantId: string;

  beforeAll(async () => {
    store = await openTestStore();
    tenantId = await createTestTenant(store, 'writes');
  });
  afterAll(() => store?.close());

  it('treats case, accents and spacing as one account', async () => {
    const ctx = testContext(store, tenantId);
    const first = await ensureAccount(ctx, { name: 'Société Générale' });
    const second = await ensureAccount(ctx, { name: 'societe generale' });
    const third = await ensureAccount(ctx, { name: 'Societe Generale ' });
    expect(first.outcome).toBe('created');
    expect(second).toMatchObject({ id: first.id, outcome: 'existing' });
    expect(third).toMatchObject({ id: first.id, outcome: 'existing' });
  });

  it('reads a small typo as the existing account', async () => {
    const ctx = testContext(store, tenantId);
    const first = await ensureAccount(ctx, { name: 'Acme Energy' });
    const typo = await ensureAccount(ctx, { name: 'Acme Enrgy' });
    expect(typo).toMatchObject({ id: first.id, outcome: 'corrected' });
  });

  it('suggests the account on a lookup typo', async () => {
    const ctx = testContext(store, tenantId);
    const error = await resolveAccount(ctx, 'Acme Enrgy').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
    expect((error as AppError).suggestions.map((suggestion) => suggestion.label)).toContain('Acme Energy');
  });

  it('upserts contacts without duplicates', async () => {
    const ctx = testContext(store, tenantId);
    const created = await upsertContact(ctx, { account: 'Acme Energy', name: 'Zoé Martin', email: 'Zoe.Martin@acme.example', title: 'CFO' });
    const again = await upsertContact(ctx, { account: 'Acme Energy', name: 'Zoé Martin', email: 'zoe.martin@acme.example', title: 'CFO' });
    const changed = await upsertContact(ctx, { account: 'Acme Energy', name: 'Zoe Martin', title: 'Chief Financial Officer' });
    expect(created.outcome).toBe('created');
    expect(again).toMatchObject({ outcome: 'unchanged', contact: { id: created.contact.id } });
    expect(changed).toMatchObject({ outcome: 'updated', contact: { id: created.contact.id, title: 'Chief Financial Officer' } });
    expect((await resolveContact(ctx, 'zoe martin')).id).toBe(created.contact.id);
  });

  it('rejects a contact with neither name nor title', async () => {
    const ctx = testContext(store, tenantId);
    const error = await upsertContact(ctx, { account: 'Acme Energy', email: 'x@acme.example' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors[0]?.field).toBe('name');
  });

  it('keeps a history row per relationship change', async () => {
    const ctx = testContext(store, tenantId);
    const { member } = await upsertMember(ctx, { name: 'Hélène Caron', email: 'helene@northwind.example' });
    const { contact } = await upsertContact(ctx, { account: 'Acme Energy', name: 'Ravi Shah' });
    const first = await logRelationship(ctx, { memberId: member.id, contactId: contact.id, strength: 3, lastContactOn: '2026-10-01' });
    const second = await logRelationship(ctx, { memberId: member.id, contactId: contact.id, strength: 4 });
    const third = await logRelationship(ctx, { memberId: member.id, contactId: contact.id, strength: 4 });
    expect([first.outcome, second.outcome, third.outcome]).toEqual(['created', 'updated', 'unchanged']);
    const history = await store.db.select().from(relationshipHistory).where(eq(relationshipHistory.relationshipId, first.relationship.id));
    const strengthRows = history.filter((row) => row.field === 'strength').map((row) => [row.oldValue, row.newValue]);
    expect(strengthRows).toEqual([[null, '3'], ['3', '4']]);
  });

  it('rolls back a relationship write that fails', async () => {
    const ctx = testContext(store, tenantId);
    const { member } = await upsertMember(ctx, { name: 'Marc Lemaire' });
    const missingContact = '00000000-0000-4000-8000-000000000000';
    await expect(logRelationship(ctx, { memberId: member.id, contactId: missingContact, strength: 2 })).rejects.toThrow();
    const rows = await store.db.select().from(relationships).where(and(eq(relationships.tenantId, tenantId), eq(relationships.memberId, member.id)));
    expect(rows).toEqual([]);
  });

  it('keeps reporting-line history and rejects cycles', async () => {
    const ctx = testContext(store, tenantId);
    const ids = [];
    for (const name of ['Ada Boss', 'Ben Middle', 'Cy Report', 'Di Newboss']) {
      ids.push((await upsertContact(ctx, { account: 'Acme Energy', name })).contact.id);
    }
    const [boss, middle, report, newBoss] = ids as [string, string, string, string];
    await setReportingLine(ctx, { contactId: middle, managerId: boss });
    await setReportingLine(ctx, { contactId: report, managerId: middle });
    await expect(setReportingLine(ctx, { contactId: boss, managerId: report })).rejects.toMatchObject({ messageKey: 'structure.cycle' });
    expect((await setReportingLine(ctx, { contactId: middle, managerId: newBoss, validFrom: '2026-11-01' })).outcome).toBe('updated');
    const lines = await store.db.select().from(reportingLines).where(eq(reportingLines.contactId, middle));
    expect(lines.map((line) => [line.managerId, line.validTo]).sort()).toEqual(
      [[boss, '2026-11-01'], [newBoss, null]].sort(),
    );
    expect((await addInfluenceLink(ctx, { fromContactId: report, toContactId: boss, weight: 0.7 })).outcome).toBe('created');
    expect((await addInfluenceLink(ctx, { fromContactId: report, toContactId: boss, weight: 0.7 })).outcome).toBe('unchanged');
  });

  it('moves last contact forward when logging an interaction', async () => {
    const ctx = testContext(store, tenantId);
    const { member } = await upsertMember(ctx, { name: 'Priya Raman' });
    const { contact } = await upsertContact(ctx, { account: 'Acme Energy', name: 'Omar Diallo' });
    await logRelationship(ctx, { memberId: member.id, contactId: contact.id, strength: 2, lastContactOn: '2026-05-01' });
    await logInteraction(ctx, { occurredOn: '2026-11-20', channel: 'call', memberIds: [member.id], contactIds: [contact.id] });
    await logInteraction(ctx, { occurredOn: '2026-09-01', channel: 'call', memberIds: [member.id], contactIds: [contact.id] });
    const [row] = await store.db.select().from(relationships).where(and(eq(relationships.memberId, member.id), eq(relationships.contactId, contact.id)));
    expect(row?.lastContactOn).toBe('2026-11-20');
  });

  it('stores no contact of one tenant in another', async () => {
    const otherTenant = await createTestTenant(store, 'other');
    const other = testContext(store, otherTenant);
    await expect(resolveContact(other, 'Zoé Martin')).rejects.toMatchObject({ code: 'not_found' });
    const rows = await store.db.select().from(contacts).where(eq(contacts.tenantId, otherTenant));
    expect(rows).toEqual([]);
  });
});
