// Importing files into the store: counts, rejected rows with their lines, re-imports, the
// formats' relationships and reporting lines, and rows that must not be half-written.
import { and, eq, isNull } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AppContext } from '../../src/app/context.js';
import { AppError } from '../../src/app/errors.js';
import { importFile } from '../../src/app/import/index.js';
import { upsertContact } from '../../src/app/contacts.js';
import { upsertMember } from '../../src/app/members.js';
import { logRelationship } from '../../src/app/relationships.js';
import { setReportingLine } from '../../src/app/structure.js';
import type { Store } from '../../src/store/database.js';
import { accounts, auditLog, contacts, relationshipHistory, relationships, reportingLines } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore, testContext } from '../helpers/store.js';
import { fixture, temporaryFolder } from './helpers.js';

const files = temporaryFolder();

describe(`import into ${driverName}`, () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store?.close();
    files.remove();
  });

  /** Creates a tenant with four members of the example seller team. */
  async function freshTenant(label: string): Promise<{ ctx: AppContext; members: Record<string, string> }> {
    const ctx = testContext(store, await createTestTenant(store, label));
    const members: Record<string, string> = {};
    for (const [name, email] of [
      ['Hélène Caron', 'helene.caron@northwind.example'],
      ['Marc Lemaire', 'marc.lemaire@northwind.example'],
      ['Yann Le Gall', 'yann.le.gall@northwind.example'],
      ['Dominique Fabre', 'dominique.fabre@northwind.example'],
    ] as const) {
      members[email] = (await upsertMember(ctx, { name, email })).member.id;
    }
    return { ctx, members };
  }

  async function contactsOf(ctx: AppContext) {
    return store.db.select().from(contacts).where(eq(contacts.tenantId, ctx.tenantId));
  }

  describe('o2o file with bad rows', () => {
    let ctx: AppContext;
    let members: Record<string, string>;
    let summary: Awaited<ReturnType<typeof importFile>>;

    beforeAll(async () => {
      ({ ctx, members } = await freshTenant('o2o'));
      summary = await importFile(ctx, fixture('o2o.csv'));
    });

    it('keeps the good rows', async () => {
      expect(summary).toMatchObject({ format: 'o2o', rows: 9, created: 4, updated: 0, unchanged: 0, rejected: 5 });
      const names = (await contactsOf(ctx)).map((contact) => contact.name).sort();
      expect(names).toEqual(['Ada Moreau', 'Emil Berg', 'Gus Olsen', 'Ivo Petrov']);
    });

    it('reports each bad row with its line and reason', () => {
      expect(summary.rejectedRows.map((row) => [row.line, row.reasonKey])).toEqual([
        [4, 'validation.invalidField'],
        [5, 'import.reason.invalidValue'],
        [6, 'import.reason.noAccountIn'],
        [10, 'import.reason.memberNotFound'],
        [12, 'validation.invalidField'],
      ]);
      expect(summary.rejectedRows[0]!.params).toMatchObject({ field: 'email', reasonKey: 'validation.email' });
      expect(summary.rejectedRows[4]!.params).toMatchObject({ field: 'lastContactOn', reasonKey: 'validation.date' });
      expect(summary.rejectedRows[2]!.params).toEqual({ column: 'account' });
    });

    it('warns about a manager not in the account', () => {
      expect(summary.warnings).toEqual([{ line: 11, reasonKey: 'import.warning.managerNotFound', params: { reference: 'IN-99' } }]);
      expect(summary.warningCount).toBe(1);
    });

    it('writes relationships and reporting lines', async () => {
      expect(summary.relationships).toEqual({ created: 2, updated: 0, unchanged: 0 });
      expect(summary.reportingLines).toEqual({ created: 2, updated: 0, unchanged: 0 });
      const rows = await store.db.select().from(relationships).where(eq(relationships.tenantId, ctx.tenantId));
      const ivo = rows.find((row) => row.memberId === members['yann.le.gall@northwind.example']);
      expect(ivo).toMatchObject({ strength: 2, kind: 'social', lastContactOn: '2026-02-01', visibility: 'private', note: 'Rencontré au salon', source: 'import' });
      const lines = await store.db.select().from(reportingLines).where(and(eq(reportingLines.tenantId, ctx.tenantId), isNull(reportingLines.validTo)));
      expect(lines).toHaveLength(2);
    });

    it('keeps relationship history', async () => {
      const [ada] = await store.db.select().from(relationships).where(and(eq(relationships.tenantId, ctx.tenantId), eq(relationships.memberId, members['helene.caron@northwind.example']!)));
      const history = await store.db.select().from(relationshipHistory).where(eq(relationshipHistory.relationshipId, ada!.id));
      expect(history.find((row) => row.field === 'strength')).toMatchObject({ oldValue: null, newValue: '4' });
    });

    it('writes one audit row with counts only', async () => {
      const rows = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, ctx.tenantId), eq(auditLog.action, 'import')));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.details).toMatchObject({ format: 'o2o', rows: 9, contacts: { created: 4, rejected: 5 } });
      expect(JSON.stringify(rows[0]!.details)).not.toContain('@');
    });

    it('reports everything unchanged on re-import', async () => {
      const again = await importFile(ctx, fixture('o2o.csv'));
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 5 });
      expect(again.relationships).toEqual({ created: 0, updated: 0, unchanged: 2 });
      expect(again.reportingLines).toEqual({ created: 0, updated: 0, unchanged: 2 });
      expect(await contactsOf(ctx)).toHaveLength(4);
    });
  });

  it('updates a contact whose row changed', async () => {
    const { ctx } = await freshTenant('update');
    await importFile(ctx, files.file('v1.csv', 'account,name,title,email\nGlobex,Ruth Adler,COO,ruth@globex.example\n'));
    const second = await importFile(ctx, files.file('v2.csv', 'account,name,title,email,phone\nGlobex,Ruth Adler,Chief Operating Officer,RUTH@globex.example,+1 555 0100\n'));
    expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const [ruth] = await contactsOf(ctx);
    expect(ruth).toMatchObject({ title: 'Chief Operating Officer', phone: '+1 555 0100', email: 'ruth@globex.example' });
  });

  it('never erases a value with an empty cell', async () => {
    const { ctx } = await freshTenant('blank');
    await importFile(ctx, files.file('full.csv', 'account,name,title,phone\nGlobex,Ruth Adler,COO,+1 555 0100\n'));
    const second = await importFile(ctx, files.file('blank.csv', 'account,name,title,phone\nGlobex,Ruth Adler,,\n'));
    expect(second.unchanged).toBe(1);
    const [ruth] = await contactsOf(ctx);
    expect(ruth).toMatchObject({ title: 'COO', phone: '+1 555 0100' });
  });

  it('imports Windows-1252 bytes with accents intact', async () => {
    const { ctx } = await freshTenant('cp1252');
    const file = files.file('cp1252.csv', iconv.encode('compte;prénom;nom;fonction\r\nSociété Générale;Hélène;Lefèvre;Directrice des achats\r\n', 'windows-1252'));
    const summary = await importFile(ctx, file);
    expect(summary.created).toBe(1);
    const [contact] = await contactsOf(ctx);
    expect(contact).toMatchObject({ name: 'Hélène Lefèvre', title: 'Directrice des achats' });
    const [account] = await store.db.select().from(accounts).where(eq(accounts.tenantId, ctx.tenantId));
    expect(account!.name).toBe('Société Générale');
  });

  it('keeps rows read before a malformed line', async () => {
    const { ctx } = await freshTenant('malformed');
    const csv = 'account,name,note\nGlobex,Ann Lee,fine\nGlobex,Bob Ray,"never closed\nGlobex,Cy Young,fine\n';
    const error = await importFile(ctx, files.file('malformed.csv', csv)).catch((caught: unknown) => caught);
    expect((error as AppError).messageKey).toBe('import.errors.csvSyntax');
    expect((error as AppError).params).toEqual({ line: 3 });
    const names = (await contactsOf(ctx)).map((contact) => contact.name);
    expect(names).toEqual(['Ann Lee']);
  });

  it('lists account names read with a typo', async () => {
    const { ctx } = await freshTenant('typo');
    const summary = await importFile(ctx, files.file('typo.csv', 'account,name\nAcme Energy,Ann Lee\nAcme Enrgy,Bob Ray\n'), { batchSize: 1 });
    expect(summary.created).toBe(2);
    expect(summary.correctedAccounts).toEqual([{ typed: 'Acme Enrgy', used: 'Acme Energy' }]);
    const rows = await store.db.select().from(accounts).where(eq(accounts.tenantId, ctx.tenantId));
    expect(rows).toHaveLength(1);
  });

  it('keeps numbered accounts apart', async () => {
    const { ctx } = await freshTenant('numbered');
    const summary = await importFile(ctx, files.file('numbered.csv', 'account,name\nImported Account 0001,Ann Lee\nImported Account 0002,Bob Ray\n'), { batchSize: 1 });
    expect(summary.correctedAccounts).toEqual([]);
    const rows = await store.db.select().from(accounts).where(eq(accounts.tenantId, ctx.tenantId));
    expect(rows.map((row) => row.name).sort()).toEqual(['Imported Account 0001', 'Imported Account 0002']);
  });

  it('links managers that come later in the file', async () => {
    const { ctx } = await freshTenant('later');
    const csv = 'account,name,external_ref,manager_ref\nGlobex,Staff One,S1,BOSS\nGlobex,Staff Two,S2,S1\nGlobex,The Boss,BOSS,\n';
    const summary = await importFile(ctx, files.file('later.csv', csv), { batchSize: 1 });
    expect(summary.reportingLines).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(summary.warnings).toEqual([]);
  });

  describe('Salesforce export', () => {
    it('needs --account', async () => {
      const { ctx } = await freshTenant('sf-no-account');
      const summary = await importFile(ctx, fixture('salesforce.csv'));
      expect(summary).toMatchObject({ created: 0, rejected: 3 });
      expect(summary.rejectedRows.map((row) => row.reasonKey)).toEqual(['import.reason.noAccount', 'import.reason.noAccount', 'import.reason.deletedRecord']);
    });

    it('imports with --account and ReportsToId', async () => {
      const { ctx } = await freshTenant('sf');
      const summary = await importFile(ctx, fixture('salesforce.csv'), { account: 'Initech' });
      expect(summary).toMatchObject({ format: 'salesforce', created: 2, rejected: 1 });
      expect(summary.reportingLines.created).toBe(1);
      const rows = await contactsOf(ctx);
      expect(rows.map((row) => row.externalRef).sort()).toEqual(['0035g00000AbCdEAA1', '0035g00000AbCdFAA1']);
    });
  });

  describe('HubSpot export', () => {
    it('records the owner’s relationship at strength 2', async () => {
      const { ctx, members } = await freshTenant('hubspot');
      const summary = await importFile(ctx, fixture('hubspot.csv'));
      expect(summary).toMatchObject({ format: 'hubspot', created: 3, rejected: 0 });
      expect(summary.relationships.created).toBe(2);
      expect(summary.warnings).toEqual([{ line: 3, reasonKey: 'import.warning.memberSkipped', params: { member: 'Pat Nobody' } }]);
      const rows = await store.db.select().from(relationships).where(eq(relationships.tenantId, ctx.tenantId));
      expect(rows.map((row) => [row.memberId, row.strength]).sort()).toEqual(
        [
          [members['helene.caron@northwind.example'], 2],
          [members['marc.lemaire@northwind.example'], 2],
        ].sort(),
      );
    });

    it('never lowers a stronger relationship', async () => {
      const { ctx, members } = await freshTenant('hubspot-strong');
      const { contact } = await upsertContact(ctx, { account: 'Umbrella Logistics', name: 'Ingrid Solberg', email: 'ingrid.solberg@umbrella.example' });
      await logRelationship(ctx, { memberId: members['helene.caron@northwind.example']!, contactId: contact.id, strength: 5, kind: 'former_colleague', lastContactOn: '2026-11-01' });
      const summary = await importFile(ctx, fixture('hubspot.csv'));
      expect(summary.relationships).toMatchObject({ created: 1, unchanged: 1 });
      const [kept] = await store.db.select().from(relationships).where(eq(relationships.contactId, contact.id));
      expect(kept).toMatchObject({ strength: 5, kind: 'former_colleague', lastContactOn: '2026-11-01', source: 'self' });
    });
  });

  describe('LinkedIn export', () => {
    it('imports contacts only without --as', async () => {
      const { ctx } = await freshTenant('linkedin');
      const summary = await importFile(ctx, fixture('linkedin.csv'));
      expect(summary).toMatchObject({ format: 'linkedin', created: 2, rejected: 1, notices: ['import.notice.contactsOnly'] });
      expect(summary.rejectedRows).toEqual([{ line: 7, reasonKey: 'import.reason.noAccountIn', params: { column: 'Company' } }]);
      expect(summary.relationships.created).toBe(0);
    });

    it('records the member’s network with --as', async () => {
      const { ctx, members } = await freshTenant('linkedin-as');
      const memberId = members['marc.lemaire@northwind.example']!;
      const summary = await importFile({ ...ctx, actor: { memberId, name: 'Marc Lemaire' } }, fixture('linkedin.csv'), { account: 'Wayne Analytics' });
      expect(summary).toMatchObject({ created: 3, notices: [] });
      const rows = await store.db.select().from(relationships).where(eq(relationships.tenantId, ctx.tenantId));
      expect(rows).toHaveLength(3);
      expect(rows.every((row) => row.memberId === memberId && row.strength === 1)).toBe(true);
      expect(rows.map((row) => row.lastContactOn).sort()).toEqual(['2022-02-28', '2023-01-03', '2024-03-12']);
    });
  });

  it.each([
    ['outlook.csv', 'Giulia Maria Conti', 'giulia.conti@cyberdyne.example'],
    ['outlook-web.csv', 'Maeve Byrne', 'maeve.byrne@soylent.example'],
    ['google.csv', 'Hamid Rahimi', 'hamid.rahimi@tyrell.example'],
    ['google-legacy.csv', 'Beatriz Santos', 'beatriz.santos@oscorp.example'],
    ['hubspot-associated.csv', 'Lena Vogel', 'lena.vogel@stark.example'],
  ])('imports %s', async (name, person, email) => {
    const { ctx } = await freshTenant(name);
    const summary = await importFile(ctx, fixture(name));
    expect(summary.rejected).toBe(0);
    const rows = await contactsOf(ctx);
    expect(rows.find((row) => row.name === person)?.email).toBe(email);
  });

  describe('a failing row', () => {
    it('rejects a reporting loop without writing the row', async () => {
      const { ctx, members } = await freshTenant('loop');
      const boss = await upsertContact(ctx, { account: 'Globex', name: 'Boss', externalRef: 'B' });
      const deputy = await upsertContact(ctx, { account: 'Globex', name: 'Deputy', externalRef: 'D' });
      await setReportingLine(ctx, { contactId: deputy.contact.id, managerId: boss.contact.id });

      const csv = 'account,name,title,external_ref,manager_ref,member,strength\nGlobex,Boss,Chief Executive Officer,B,D,helene.caron@northwind.example,4\nGlobex,Newcomer,Analyst,N,B,helene.caron@northwind.example,2\n';
      const summary = await importFile(ctx, files.file('loop.csv', csv));

      expect(summary.rejectedRows).toEqual([{ line: 2, reasonKey: 'structure.cycle', params: {} }]);
      expect(summary).toMatchObject({ created: 1, rejected: 1 });
      const [stored] = await store.db.select().from(contacts).where(eq(contacts.id, boss.contact.id));
      expect(stored!.title).toBeNull();
      const bossRelationships = await store.db.select().from(relationships).where(eq(relationships.contactId, boss.contact.id));
      expect(bossRelationships).toEqual([]);
      const newcomer = (await contactsOf(ctx)).find((contact) => contact.name === 'Newcomer');
      const newcomerRelationships = await store.db.select().from(relationships).where(eq(relationships.contactId, newcomer!.id));
      expect(newcomerRelationships.map((row) => row.memberId)).toEqual([members['helene.caron@northwind.example']]);
    });

    it('rejects a duplicate reference alone', async () => {
      const { ctx } = await freshTenant('duplicate');
      await upsertContact(ctx, { account: 'Globex', name: 'Pia Holm', email: 'pia@globex.example', externalRef: 'P1' });
      const quinn = await upsertContact(ctx, { account: 'Globex', name: 'Quinn Roy', email: 'quinn@globex.example', externalRef: 'Q1' });

      // Matched on e-mail to Quinn, the row would give Quinn Pia's reference.
      const csv = 'account,name,title,email,external_ref,member,strength\nGlobex,Quinn Roy,Buyer,quinn@globex.example,P1,marc.lemaire@northwind.example,3\nGlobex,Rosa Lind,Engineer,rosa@globex.example,R1,marc.lemaire@northwind.example,3\n';
      const summary = await importFile(ctx, files.file('duplicate.csv', csv));

      expect(summary.rejectedRows).toEqual([{ line: 2, reasonKey: 'import.reason.duplicate' }]);
      expect(summary).toMatchObject({ created: 1, rejected: 1 });
      const [stored] = await store.db.select().from(contacts).where(eq(contacts.id, quinn.contact.id));
      expect(stored).toMatchObject({ title: null, externalRef: 'Q1' });
      const quinnRelationships = await store.db.select().from(relationships).where(eq(relationships.contactId, quinn.contact.id));
      expect(quinnRelationships).toEqual([]);
      expect(summary.relationships.created).toBe(1);
    });
  });

  it('attaches a relationship to an existing contact by reference', async () => {
    const { ctx } = await freshTenant('match-only');
    await upsertContact(ctx, { account: 'Globex', name: 'Pia Holm', externalRef: 'P1' });
    const csv = 'account,external_ref,member,strength\nGlobex,P1,helene.caron@northwind.example,3\nGlobex,P404,helene.caron@northwind.example,3\n';
    const summary = await importFile(ctx, files.file('match.csv', csv));
    expect(summary).toMatchObject({ created: 0, unchanged: 1, rejected: 1 });
    expect(summary.relationships.created).toBe(1);
    expect(summary.rejectedRows).toEqual([{ line: 3, reasonKey: 'import.reason.contactNotFound', params: { reference: 'P404', account: 'Globex' } }]);
  });
});
