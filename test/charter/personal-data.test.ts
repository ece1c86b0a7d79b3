// Personal data: exporting and erasing a contact, a member's departure, and the retention job.
import { randomUUID } from 'node:crypto';

import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { recordMemberDeparture } from '../../src/app/charter/departure.js';
import { eraseContact } from '../../src/app/charter/erase.js';
import { exportContact } from '../../src/app/charter/export.js';
import { presentContactExport } from '../../src/app/charter/export-text.js';
import { logInteraction } from '../../src/app/interactions.js';
import { whoKnows, whoKnowsWhomAt } from '../../src/app/queries.js';
import { logRelationship } from '../../src/app/relationships.js';
import { addInfluenceLink, setReportingLine } from '../../src/app/structure.js';
import { renderReply } from '../../src/cli/render.js';
import { translator } from '../../src/i18n/index.js';
import { applyRetention, pruneProcessedDeliveries, RETENTION_JOB, runDueRetention } from '../../src/jobs/retention.js';
import { insertPicture, readPicture } from '../../src/store/pictures.js';
import { createLogger } from '../../src/config/logger.js';
import type { Store } from '../../src/store/database.js';
import { auditLog, contacts, interactions, jobSchedules, members, outboundMessages, processedDeliveries, relationshipHistory, relationships } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore, TEST_NOW } from '../helpers/store.js';
import { addAccount, addContact, addMember, addRelationship, as } from './helpers.js';

describe(`personal data on ${driverName}`, () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store?.close());

  /** Peter works at Initech under Bill; Olga knows Peter (with a note) and met him with Bill. */
  async function setUp(label: string) {
    const tenantId = await createTestTenant(store, label);
    const olga = await addMember(store, tenantId, 'Olga Owner', { email: 'olga@seller.example' });
    const admin = await addMember(store, tenantId, 'Ada Admin', { isAdmin: true });
    const account = await addAccount(store, tenantId, 'Initech');
    const peter = await addContact(store, tenantId, account, 'Peter Gibbons', { email: 'peter@initech.example', phone: '+1 555 0100' });
    const bill = await addContact(store, tenantId, account, 'Bill Lumbergh', { title: 'Vice President' });
    const ctx = as(store, tenantId, olga, 'Olga Owner');
    await logRelationship(ctx, { memberId: olga, contactId: peter, strength: 4, visibility: 'private', note: 'Likes fishing', lastContactOn: '2026-11-02' });
    await logRelationship(ctx, { memberId: olga, contactId: bill, strength: 2, visibility: 'tenant', note: 'Peter Gibbons reports to him' });
    await setReportingLine(ctx, { contactId: peter, managerId: bill });
    await addInfluenceLink(ctx, { fromContactId: bill, toContactId: peter, weight: 0.6 });
    await logInteraction(ctx, { occurredOn: '2026-11-02', channel: 'meeting', memberIds: [olga], contactIds: [peter], note: 'Lunch with Peter' });
    await logInteraction(ctx, { occurredOn: '2026-11-03', channel: 'call', memberIds: [olga], contactIds: [peter, bill], note: 'Call with Peter and Bill' });
    return { tenantId, olga, admin, account, peter, bill };
  }

  describe('export', () => {
    it('holds everything about the contact', async () => {
      const { tenantId, admin, peter } = await setUp('export');
      const data = await exportContact(as(store, tenantId, admin), 'Peter Gibbons');
      expect(data.contactId).toBe(peter);
      expect(data.person).toMatchObject({ name: 'Peter Gibbons', email: 'peter@initech.example', phone: '+1 555 0100', account: 'Initech' });
      expect(data.relationships).toEqual([expect.objectContaining({ member: 'Olga Owner', strength: 4, visibility: 'private', note: 'Likes fishing' })]);
      expect(data.relationships[0]!.history.length).toBeGreaterThan(0);
      expect(data.reportingLines).toEqual([expect.objectContaining({ role: 'reports_to', other: 'Bill Lumbergh' })]);
      expect(data.influence).toEqual([expect.objectContaining({ direction: 'influenced_by', other: 'Bill Lumbergh', weight: 0.6 })]);
      expect(data.interactions.map((entry) => entry.note)).toEqual(['Lunch with Peter', 'Call with Peter and Bill']);
      const [audited] = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'contact.export')));
      expect(audited).toMatchObject({ actorMemberId: admin, targetId: peter, details: {} });
    });

    it('reads as text in both languages', async () => {
      const { tenantId, admin } = await setUp('export-text');
      const data = await exportContact(as(store, tenantId, admin), 'Peter Gibbons');
      const english = renderReply(presentContactExport(data, translator('en'), 'en'));
      expect(english).toContain('Everything o2o holds about Peter Gibbons');
      expect(english).toContain('Olga Owner: strong, work, last contact 3 Nov 2026, visibility: private');
      expect(english).toContain('reports to Bill Lumbergh');
      const french = renderReply(presentContactExport(data, translator('fr'), 'fr'), translator('fr'));
      expect(french).toContain('Tout ce qu’o2o détient sur Peter Gibbons');
      expect(french).toContain('rend compte à Bill Lumbergh');
    });

    it('is for admins only', async () => {
      const { tenantId, olga } = await setUp('export-forbidden');
      await expect(exportContact(as(store, tenantId, olga), 'Peter Gibbons')).rejects.toMatchObject({ code: 'forbidden' });
    });
  });

  describe('erasure', () => {
    it('removes the person and what names them, and keeps the audit ids', async () => {
      const { tenantId, admin, peter, bill, olga } = await setUp('erase');
      await whoKnows(as(store, tenantId, olga), 'Peter Gibbons');
      await store.db.insert(outboundMessages).values({ tenantId, dedupeKey: 'digest:x', kind: 'digest', platform: 'slack', target: { channelId: 'C1' }, payload: { parts: [{ text: 'Peter Gibbons is uncovered', blocks: [] }] } });
      const picture = await insertPicture(store.db, tenantId, Buffer.from('a map showing Peter'), new Date(TEST_NOW.getTime() + 86_400_000));

      const report = await eraseContact(as(store, tenantId, admin), 'Peter Gibbons');
      expect(report).toMatchObject({ contactId: peter, relationships: 1, interactionsDeleted: 1, interactionsCleared: 1, notesCleared: 1, messagesDeleted: 1, picturesDeleted: 1 });
      expect(await readPicture(store.db, picture, TEST_NOW)).toBeNull();

      expect(await store.db.select().from(contacts).where(eq(contacts.id, peter))).toEqual([]);
      expect(await store.db.select().from(relationships).where(eq(relationships.contactId, peter))).toEqual([]);
      const left = await store.db.select({ note: interactions.note }).from(interactions).where(eq(interactions.tenantId, tenantId));
      expect(left).toEqual([{ note: null }]);
      const [billTie] = await store.db.select({ note: relationships.note }).from(relationships).where(eq(relationships.contactId, bill));
      expect(billTie?.note).toBeNull();
      expect(await store.db.select().from(outboundMessages).where(eq(outboundMessages.tenantId, tenantId))).toEqual([]);

      const audit = await store.db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId));
      expect(audit.filter((row) => row.targetId === peter).map((row) => row.action)).toEqual(['lookup.contact', 'contact.erase']);
      expect(JSON.stringify(audit)).not.toContain('Peter');
      expect((await whoKnowsWhomAt(as(store, tenantId, olga), 'Initech')).totalContacts).toBe(1);
    });
  });

  describe('member departure', () => {
    it('transfers relationships, merging those the heir had', async () => {
      const { tenantId, admin, olga, peter, bill } = await setUp('leave-transfer');
      const heir = await addMember(store, tenantId, 'Hugo Heir');
      await addRelationship(store, tenantId, heir, bill, 'tenant', { strength: 4, lastContactOn: '2026-01-01' });

      const report = await recordMemberDeparture(as(store, tenantId, admin), 'Olga Owner', { transferTo: 'Hugo Heir' });
      expect(report).toMatchObject({ moved: 1, merged: 1, deleted: 0, transferredTo: { id: heir } });
      const held = await store.db.select().from(relationships).where(eq(relationships.tenantId, tenantId));
      expect(held.map((row) => [row.memberId, row.contactId]).sort()).toEqual([[heir, bill], [heir, peter]].sort());
      // Strength 4 is Hugo's; 3 November is Olga's call with Bill, later than Hugo's date.
      expect(held.find((row) => row.contactId === bill)).toMatchObject({ strength: 4, lastContactOn: '2026-11-03' });
      const [member] = await store.db.select({ active: members.active }).from(members).where(eq(members.id, olga));
      expect(member?.active).toBe(false);
      const moves = await store.db.select().from(relationshipHistory).where(and(eq(relationshipHistory.tenantId, tenantId), eq(relationshipHistory.field, 'member')));
      expect(moves).toEqual([expect.objectContaining({ oldValue: olga, newValue: heir })]);
    });

    it('deletes relationships when asked', async () => {
      const { tenantId, admin } = await setUp('leave-delete');
      const report = await recordMemberDeparture(as(store, tenantId, admin), 'Olga Owner', { delete: true });
      expect(report.deleted).toBe(2);
      expect(await store.db.select().from(relationships).where(eq(relationships.tenantId, tenantId))).toEqual([]);
    });

    it('rejects a transfer to the same member', async () => {
      const { tenantId, admin } = await setUp('leave-same');
      await expect(recordMemberDeparture(as(store, tenantId, admin), 'Olga Owner', { transferTo: 'olga@seller.example' })).rejects.toMatchObject({ messageKey: 'charter.leave.sameMember' });
    });
  });

  describe('retention', () => {
    it('deletes old interactions and clears old notes', async () => {
      const { tenantId, olga, peter } = await setUp('retention');
      const ctx = as(store, tenantId, olga);
      await logInteraction(ctx, { occurredOn: '2024-11-30', channel: 'meeting', memberIds: [olga], contactIds: [peter], note: 'Old lunch' });
      await store.db.update(relationships).set({ createdAt: new Date('2024-01-01T00:00:00Z') }).where(eq(relationships.contactId, peter));
      await store.db.update(relationshipHistory).set({ changedAt: new Date('2024-01-01T00:00:00Z') }).where(eq(relationshipHistory.tenantId, tenantId));

      const report = await applyRetention(as(store, tenantId, null));
      expect(report).toMatchObject({ cutoff: '2024-12-01', retentionMonths: 24 });
      const notes = await store.db.select({ note: interactions.note }).from(interactions).where(eq(interactions.tenantId, tenantId));
      expect(notes.map((row) => row.note).sort()).toEqual(['Call with Peter and Bill', 'Lunch with Peter']);
      const relationshipNotes = await store.db.select({ note: relationships.note }).from(relationships).where(eq(relationships.tenantId, tenantId));
      expect(relationshipNotes).toEqual([{ note: null }, { note: null }]);
      const noteHistory = await store.db.select().from(relationshipHistory).where(and(eq(relationshipHistory.tenantId, tenantId), eq(relationshipHistory.field, 'note')));
      expect(noteHistory.length).toBe(2);
      expect(noteHistory.every((row) => row.oldValue === null && row.newValue === null)).toBe(true);
    });

    it('runs once a day per tenant through the scheduler', async () => {
      const { tenantId } = await setUp('retention-job');
      const deps = { db: store.db, logger: createLogger('silent'), workerId: 'test-worker', senders: [], now: () => TEST_NOW };
      const scheduleOf = async () => (await store.db.select().from(jobSchedules).where(and(eq(jobSchedules.job, RETENTION_JOB), eq(jobSchedules.tenantId, tenantId))))[0];
      expect(await runDueRetention(deps, 1000)).toBeGreaterThanOrEqual(1);
      const first = await scheduleOf();
      expect(first?.nextRunAt.toISOString()).toBe('2026-12-02T12:00:00.000Z');
      expect(first?.lastRunBy).toBe('test-worker');

      // Other test files may add tenants meanwhile, so only this tenant's row is checked.
      await runDueRetention({ ...deps, workerId: 'second-worker' }, 1000);
      expect((await scheduleOf())?.lastRunBy).toBe('test-worker');
    });

    it('forgets delivery ids after a day', async () => {
      const old = `old-${randomUUID()}`;
      const recent = `recent-${randomUUID()}`;
      await store.db.insert(processedDeliveries).values([
        { platform: 'teams', deliveryId: old, receivedAt: new Date(TEST_NOW.getTime() - 2 * 86_400_000) },
        { platform: 'slack', deliveryId: recent, receivedAt: new Date(TEST_NOW.getTime() - 3_600_000) },
      ]);

      expect(await pruneProcessedDeliveries(store.db, TEST_NOW)).toBeGreaterThanOrEqual(1);

      const left = await store.db.select({ id: processedDeliveries.deliveryId }).from(processedDeliveries).where(inArray(processedDeliveries.deliveryId, [old, recent]));
      expect(left.map((row) => row.id)).toEqual([recent]);
    });

    it('is for admins when run by hand', async () => {
      const { tenantId, olga } = await setUp('retention-forbidden');
      await expect(applyRetention(as(store, tenantId, olga))).rejects.toMatchObject({ code: 'forbidden' });
    });
  });
});
