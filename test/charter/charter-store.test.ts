// Charter settings, acceptance, opt-out, one's own visibility, admins and the audit of lookups,
// through the real use cases and store.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { acceptCharter, optBackIn, optOutOfSharing, readCharterStanding } from '../../src/app/charter/acceptance.js';
import { isAdmin } from '../../src/app/charter/admins.js';
import { readAuditLog } from '../../src/app/charter/audit-log.js';
import { readCharterSettings, updateCharterSettings } from '../../src/app/charter/settings.js';
import { listOwnRelationships, setOwnVisibility } from '../../src/app/charter/visibility.js';
import { whoKnows, whoKnowsWhomAt, whomDoesMemberKnow } from '../../src/app/queries.js';
import { logRelationship } from '../../src/app/relationships.js';
import { readTenantSettings } from '../../src/app/settings.js';
import type { Store } from '../../src/store/database.js';
import { auditLog, relationshipHistory, relationships } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore } from '../helpers/store.js';
import { addAccount, addContact, addMember, addRelationship, as, setCharter } from './helpers.js';

describe(`charter on ${driverName}`, () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store?.close());

  /** A tenant where Owner knows Person (shared with everyone) and Colleague looks. */
  async function setUp(label: string) {
    const tenantId = await createTestTenant(store, label);
    const owner = await addMember(store, tenantId, 'Olga Owner', { email: 'olga@seller.example' });
    const colleague = await addMember(store, tenantId, 'Colin Colleague', { email: 'colin@seller.example', slackUserId: 'U0COLIN' });
    const admin = await addMember(store, tenantId, 'Ada Admin', { isAdmin: true });
    const account = await addAccount(store, tenantId, 'Initech');
    const person = await addContact(store, tenantId, account, 'Peter Gibbons');
    await addRelationship(store, tenantId, owner, person, 'tenant');
    return { tenantId, owner, colleague, admin, account, person };
  }

  const knowers = async (ctx: ReturnType<typeof as>) => (await whoKnows(ctx, 'Peter Gibbons')).knownBy.map((entry) => entry.member.id);

  describe('settings', () => {
    it('default to the rules o2o had before the charter', async () => {
      const { tenantId } = await setUp('settings-default');
      const settings = await readCharterSettings(as(store, tenantId, null));
      expect(settings).toEqual({ defaultVisibility: 'tenant', hiddenRelationships: 'nothing', dealTeam: 'same_deal', retentionMonths: 24, requireAcceptance: false, revision: 0 });
    });

    it('fall back per field when stored invalid', async () => {
      const { tenantId } = await setUp('settings-invalid');
      await setCharter(store, tenantId, { retentionMonths: 'soon', dealTeam: 'same_open_deal' });
      const settings = await readCharterSettings(as(store, tenantId, null));
      expect(settings.retentionMonths).toBe(24);
      expect(settings.dealTeam).toBe('same_open_deal');
    });

    it('appear in the tenant settings', async () => {
      const { tenantId } = await setUp('settings-tenant');
      await setCharter(store, tenantId, { retentionMonths: 6 });
      const ctx = as(store, tenantId, null);
      expect((await readTenantSettings(ctx)).charter.retentionMonths).toBe(6);
    });

    it('change for admins and raise the version', async () => {
      const { tenantId, admin } = await setUp('settings-admin');
      const update = await updateCharterSettings(as(store, tenantId, admin), { retentionMonths: 12, hiddenRelationships: 'existence' });
      expect(update.newVersion).toBe('1.1');
      expect(update.changed).toEqual(['hiddenRelationships', 'retentionMonths']);
      expect((await readCharterSettings(as(store, tenantId, null))).retentionMonths).toBe(12);
      const [row] = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'charter.settings')));
      expect(row?.details).toMatchObject({ changed: ['hiddenRelationships', 'retentionMonths'], version: '1.1' });
    });

    it('keep the version when nothing changes', async () => {
      const { tenantId, admin } = await setUp('settings-same');
      const update = await updateCharterSettings(as(store, tenantId, admin), { retentionMonths: 24 });
      expect(update.newVersion).toBeNull();
      expect((await readCharterSettings(as(store, tenantId, null))).revision).toBe(0);
    });

    it('reject members who are not admins', async () => {
      const { tenantId, colleague } = await setUp('settings-forbidden');
      await expect(updateCharterSettings(as(store, tenantId, colleague), { retentionMonths: 12 })).rejects.toMatchObject({ code: 'forbidden', messageKey: 'charter.errors.adminOnly' });
    });

    it('reject an invalid retention', async () => {
      const { tenantId, admin } = await setUp('settings-range');
      await expect(updateCharterSettings(as(store, tenantId, admin), { retentionMonths: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });

  describe('admins', () => {
    it('come from is_admin, O2O_ADMINS and the platform', async () => {
      const { tenantId, admin, colleague, owner } = await setUp('admins');
      expect(await isAdmin(as(store, tenantId, admin))).toBe(true);
      expect(await isAdmin(as(store, tenantId, colleague))).toBe(false);
      expect(await isAdmin({ ...as(store, tenantId, colleague), configuredAdmins: ['U0COLIN'] })).toBe(true);
      expect(await isAdmin({ ...as(store, tenantId, owner), configuredAdmins: ['OLGA@seller.example'] })).toBe(true);
      expect(await isAdmin({ ...as(store, tenantId, owner), actor: { memberId: owner, name: 'Olga', isPlatformAdmin: true } })).toBe(true);
      expect(await isAdmin(as(store, tenantId, null))).toBe(false);
    });
  });

  describe('acceptance', () => {
    it('hides a member who has not accepted a required charter', async () => {
      const { tenantId, owner, colleague } = await setUp('acceptance');
      await setCharter(store, tenantId, { requireAcceptance: true, revision: 2 });
      expect(await knowers(as(store, tenantId, colleague))).toEqual([]);
      expect(await knowers(as(store, tenantId, null))).toEqual([]);
      expect(await knowers(as(store, tenantId, owner))).toEqual([owner]);

      const standing = await acceptCharter(as(store, tenantId, owner, 'Olga Owner'));
      expect(standing.version).toBe('1.2');
      expect(standing.sharing).toBe(true);
      expect(await knowers(as(store, tenantId, colleague))).toEqual([owner]);
    });

    it('asks again when the rules change', async () => {
      const { tenantId, owner, colleague, admin } = await setUp('acceptance-again');
      await setCharter(store, tenantId, { requireAcceptance: true });
      await acceptCharter(as(store, tenantId, owner));
      await updateCharterSettings(as(store, tenantId, admin), { retentionMonths: 18 });
      const standing = await readCharterStanding(as(store, tenantId, null), owner);
      expect(standing.acceptedCurrent).toBe(false);
      expect(standing.accepted?.version).toBe('1.0');
      expect(await knowers(as(store, tenantId, colleague))).toEqual([]);
    });

    it('is recorded once per version', async () => {
      const { tenantId, owner } = await setUp('acceptance-once');
      await acceptCharter(as(store, tenantId, owner));
      await acceptCharter(as(store, tenantId, owner));
      const rows = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'charter.accept')));
      expect(rows).toHaveLength(1);
      expect(rows[0]?.details).toEqual({ version: '1.0', locale: 'en' });
    });

    it('needs a member', async () => {
      const { tenantId } = await setUp('acceptance-anonymous');
      await expect(acceptCharter(as(store, tenantId, null))).rejects.toMatchObject({ messageKey: 'charter.errors.memberOnly' });
    });
  });

  describe('opt-out', () => {
    it('hides every relationship of the member until they opt back in', async () => {
      const { tenantId, owner, colleague, account } = await setUp('opt-out');
      await optOutOfSharing(as(store, tenantId, owner));
      expect(await knowers(as(store, tenantId, colleague))).toEqual([]);
      expect((await whoKnowsWhomAt(as(store, tenantId, colleague), 'Initech')).contacts).toEqual([]);
      expect((await whomDoesMemberKnow(as(store, tenantId, colleague), 'Olga Owner')).relationships).toEqual([]);
      expect(await knowers(as(store, tenantId, owner))).toEqual([owner]);
      expect(account).toBeTruthy();

      const standing = await optBackIn(as(store, tenantId, owner));
      expect(standing.optedOut).toBe(false);
      expect(await knowers(as(store, tenantId, colleague))).toEqual([owner]);
    });
  });

  describe('own visibility', () => {
    it('changes one relationship and keeps its history', async () => {
      const { tenantId, owner, colleague } = await setUp('visibility');
      const change = await setOwnVisibility(as(store, tenantId, owner), { person: 'Peter Gibbons', visibility: 'private' });
      expect(change).toMatchObject({ previous: 'tenant', visibility: 'private', contact: 'Peter Gibbons' });
      expect(await knowers(as(store, tenantId, colleague))).toEqual([]);
      const [history] = await store.db.select().from(relationshipHistory).where(and(eq(relationshipHistory.tenantId, tenantId), eq(relationshipHistory.field, 'visibility')));
      expect(history).toMatchObject({ oldValue: 'tenant', newValue: 'private', changedBy: owner });
      const audited = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'relationship.visibility')));
      expect(audited[0]?.details).toEqual({ from: 'tenant', to: 'private' });
    });

    it('rejects a person the member does not know', async () => {
      const { tenantId, colleague } = await setUp('visibility-none');
      await expect(setOwnVisibility(as(store, tenantId, colleague), { person: 'Peter Gibbons', visibility: 'private' })).rejects.toMatchObject({ code: 'not_found', messageKey: 'charter.visibility.noRelationship' });
    });

    it('lists the member relationships with counts per visibility', async () => {
      const { tenantId, owner, account } = await setUp('visibility-list');
      const other = await addContact(store, tenantId, account, 'Samir Nagheenanajar');
      await addRelationship(store, tenantId, owner, other, 'private');
      const page = await listOwnRelationships(as(store, tenantId, owner));
      expect(page.total).toBe(2);
      expect(page.byVisibility).toEqual({ private: 1, deal_team: 0, tenant: 1 });
      expect(page.relationships.map((row) => row.contact)).toEqual(['Peter Gibbons', 'Samir Nagheenanajar']);
    });

    it('gives new relationships the default visibility of the charter', async () => {
      const { tenantId, colleague, person } = await setUp('visibility-default');
      await setCharter(store, tenantId, { defaultVisibility: 'private' });
      const { relationship } = await logRelationship(as(store, tenantId, colleague), { memberId: colleague, contactId: person, strength: 2 });
      expect(relationship.visibility).toBe('private');
      const [row] = await store.db.select({ visibility: relationships.visibility }).from(relationships).where(eq(relationships.id, relationship.id));
      expect(row?.visibility).toBe('private');
    });
  });

  describe('audit', () => {
    it('records one row per lookup, with ids only', async () => {
      const { tenantId, colleague, person, account } = await setUp('audit-lookups');
      await whoKnows(as(store, tenantId, colleague), 'Peter Gibbons');
      await whoKnowsWhomAt(as(store, tenantId, colleague), 'Initech');
      const rows = await store.db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(auditLog.id);
      expect(rows.map((row) => [row.action, row.targetType, row.targetId, row.actorMemberId])).toEqual([
        ['lookup.contact', 'contact', person, colleague],
        ['lookup.account', 'account', account, colleague],
      ]);
      expect(rows.every((row) => Object.keys(row.details).length === 0)).toBe(true);
    });

    it('filters by actor, action, target and date for admins', async () => {
      const { tenantId, colleague, admin, owner } = await setUp('audit-read');
      await whoKnows(as(store, tenantId, colleague), 'Peter Gibbons');
      await whoKnows(as(store, tenantId, owner), 'Peter Gibbons');
      await whoKnowsWhomAt(as(store, tenantId, colleague), 'Initech');
      // Audit rows carry the store's clock, so the admin reads with the real one.
      const ctx = as(store, tenantId, admin, 'Ada Admin', { now: new Date() });

      expect((await readAuditLog(ctx, { actor: 'Colin Colleague' })).map((row) => row.action)).toEqual(['lookup.account', 'lookup.contact']);
      expect((await readAuditLog(ctx, { action: 'lookup.contact' })).map((row) => row.actor).sort()).toEqual(['Colin Colleague', 'Olga Owner']);
      const byTarget = await readAuditLog(ctx, { target: 'Peter Gibbons' });
      expect(byTarget.map((row) => row.target)).toEqual(['Peter Gibbons', 'Peter Gibbons']);
      expect(await readAuditLog(ctx, { since: '2999-01-01' })).toEqual([]);
      expect(await readAuditLog(ctx, { action: 'lookup', since: '7d' })).toHaveLength(3);
    });

    it('is for admins only', async () => {
      const { tenantId, colleague } = await setUp('audit-forbidden');
      await expect(readAuditLog(as(store, tenantId, colleague), {})).rejects.toMatchObject({ code: 'forbidden' });
    });
  });
});
