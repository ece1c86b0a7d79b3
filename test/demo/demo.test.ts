// The demo loader on the example datasets: what each one loads, the organogram's quirks, and a
// second run that changes nothing.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AppContext } from '../../src/app/context.js';
import { EXAMPLES_FOLDER, loadDemo, type DemoDatasetReport } from '../../src/app/demo.js';
import type { Store } from '../../src/store/database.js';
import { accounts, contacts, influenceLinks, members, relationshipHistory, relationships, reportingLines } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore, testContext } from '../helpers/store.js';

// Worked out from the CSV files:
// - members.csv has 12 sellers; people.csv 156 people; senior-posts.csv 115 rows.
// - senior-posts.csv: every row but the root (post 19678, reporting to "XX") reports to a post
//   reference that appears exactly once in the file, so 114 reporting lines.
// - relationships.csv has 126 rows. Two point at HM Treasury post "0", which seven vacant posts
//   share, so they match no single contact. That leaves 124 relationships, 13 of them private.
// - email-counts.csv has 392 directed pairs with at least 20 messages.
const EXPECTED = { members: 12, acme: 156, treasury: 115, reportingLines: 114, relationships: 124, privateRelationships: 13, influenceLinks: 392 };

describe(`demo loader on ${driverName}`, () => {
  let store: Store;
  let ctx: AppContext;
  let first: DemoDatasetReport[];
  let second: DemoDatasetReport[];
  let countsAfterFirst: Record<string, number>;

  const report = (reports: DemoDatasetReport[], dataset: DemoDatasetReport['dataset']) => reports.find((entry) => entry.dataset === dataset)!.summary;

  async function rowCounts(): Promise<Record<string, number>> {
    const countOf = async (table: typeof contacts | typeof accounts | typeof members | typeof relationships | typeof reportingLines | typeof influenceLinks | typeof relationshipHistory) => {
      const [row] = await store.db.select({ value: count() }).from(table).where(eq(table.tenantId, ctx.tenantId));
      return Number(row!.value);
    };
    return {
      accounts: await countOf(accounts),
      contacts: await countOf(contacts),
      members: await countOf(members),
      relationships: await countOf(relationships),
      reportingLines: await countOf(reportingLines),
      influenceLinks: await countOf(influenceLinks),
      relationshipHistory: await countOf(relationshipHistory),
    };
  }

  async function contactsAt(accountName: string) {
    const [account] = await store.db.select().from(accounts).where(and(eq(accounts.tenantId, ctx.tenantId), eq(accounts.name, accountName)));
    return store.db.select().from(contacts).where(eq(contacts.accountId, account!.id));
  }

  beforeAll(async () => {
    store = await openTestStore();
    ctx = testContext(store, await createTestTenant(store, 'demo'));
    first = await loadDemo(ctx);
    countsAfterFirst = await rowCounts();
    second = await loadDemo(ctx);
  });
  afterAll(() => store?.close());

  it('loads the seller team', async () => {
    expect(report(first, 'members')).toMatchObject({ created: EXPECTED.members, rejected: 0 });
    const [helene] = await store.db.select().from(members).where(and(eq(members.tenantId, ctx.tenantId), eq(members.email, 'helene.caron@northwind.example')));
    expect(helene).toMatchObject({ name: 'Hélène Caron', role: 'Account Executive', locale: 'fr-FR', timeZone: 'Europe/Paris' });
  });

  it('loads Acme Energy with influence links', async () => {
    expect(report(first, 'acme-energy')).toMatchObject({ created: EXPECTED.acme, rejected: 0, warningCount: 0 });
    expect(report(first, 'acme-energy').influenceLinks.created).toBe(EXPECTED.influenceLinks);
    const people = await contactsAt('Acme Energy');
    expect(people).toHaveLength(EXPECTED.acme);
    expect(people.find((person) => person.externalRef === '1')).toMatchObject({
      name: 'Olivia Rousseau',
      email: 'olivia.rousseau@acme-energy.example',
      title: 'VP Trading',
      department: 'Trading',
      unit: 'AE Gas Financial',
      seniority: 'Senior',
    });
  });

  it('weights influence by e-mails sent', async () => {
    // email-counts.csv: person 1 sent 23 e-mails to person 42, so log10(23) / 3 = 0.45.
    const people = await contactsAt('Acme Energy');
    const byRef = new Map(people.map((person) => [person.externalRef, person.id]));
    const links = await store.db.select().from(influenceLinks).where(and(eq(influenceLinks.fromContactId, byRef.get('1')!), eq(influenceLinks.toContactId, byRef.get('42')!)));
    expect(links).toHaveLength(1);
    expect(links[0]!.weight).toBeCloseTo(0.45, 5);
  });

  it('loads HM Treasury with its reporting lines', async () => {
    expect(report(first, 'hm-treasury')).toMatchObject({ created: EXPECTED.treasury, rejected: 0, warningCount: 0 });
    expect(report(first, 'hm-treasury').reportingLines.created).toBe(EXPECTED.reportingLines);
    const posts = await contactsAt('HM Treasury');
    expect(posts).toHaveLength(EXPECTED.treasury);
    const root = posts.find((post) => post.externalRef === '19678')!;
    const rootLines = await store.db.select().from(reportingLines).where(and(eq(reportingLines.contactId, root.id), isNull(reportingLines.validTo)));
    expect(rootLines).toEqual([]);
  });

  it('keeps the organogram quirks working', async () => {
    const posts = await contactsAt('HM Treasury');
    const unnamed = posts.filter((post) => post.name === null);
    expect(unnamed).toHaveLength(87);
    expect(unnamed.every((post) => post.normalizedName.length > 0)).toBe(true);
    const refs = posts.map((post) => post.externalRef);
    expect(refs.filter((ref) => ref?.startsWith('Deleted#'))).toHaveLength(12);
    expect(refs.filter((ref) => ref?.startsWith('0#'))).toHaveLength(7);
    expect(refs).toContain('10994');
    expect(refs).toContain('10994#2');
    expect(posts.filter((post) => post.email === 'enquiries@treasury.example')).toEqual([]);
    expect(posts.find((post) => post.externalRef === '19678')).toMatchObject({ name: 'Aoife Bernard', seniority: 'SCS4', email: 'aoife.bernard@treasury.example' });
  });

  it('loads the relationships that match a contact', async () => {
    const summary = report(first, 'relationships');
    expect(summary.relationships.created).toBe(EXPECTED.relationships);
    expect(summary.rejectedRows).toEqual([
      { line: 62, reasonKey: 'import.reason.contactNotFound', params: { reference: '0', account: 'HM Treasury' } },
      { line: 86, reasonKey: 'import.reason.contactNotFound', params: { reference: '0', account: 'HM Treasury' } },
    ]);
    const rows = await store.db.select().from(relationships).where(eq(relationships.tenantId, ctx.tenantId));
    expect(rows.filter((row) => row.visibility === 'private')).toHaveLength(EXPECTED.privateRelationships);
    expect(rows.filter((row) => row.visibility === 'tenant')).toHaveLength(EXPECTED.relationships - EXPECTED.privateRelationships);
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(['work', 'former_colleague', 'social', 'introduced']));
  });

  it('changes nothing on a second run', async () => {
    expect(report(second, 'members')).toMatchObject({ created: 0, updated: 0, unchanged: EXPECTED.members });
    for (const dataset of ['acme-energy', 'hm-treasury'] as const) {
      expect(report(second, dataset)).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    }
    expect(report(second, 'acme-energy').influenceLinks).toEqual({ created: 0, updated: 0, unchanged: EXPECTED.influenceLinks });
    expect(report(second, 'hm-treasury').reportingLines).toEqual({ created: 0, updated: 0, unchanged: EXPECTED.reportingLines });
    expect(report(second, 'relationships').relationships).toEqual({ created: 0, updated: 0, unchanged: EXPECTED.relationships });
    expect(await rowCounts()).toEqual(countsAfterFirst);
  });

  it('counts the rows it loaded', () => {
    expect(countsAfterFirst).toMatchObject({
      accounts: 2,
      contacts: EXPECTED.acme + EXPECTED.treasury,
      members: EXPECTED.members,
      relationships: EXPECTED.relationships,
      reportingLines: EXPECTED.reportingLines,
      influenceLinks: EXPECTED.influenceLinks,
    });
  });
});

describe(`demo loader with a broken organogram on ${driverName}`, () => {
  let store: Store;
  let folder: string;

  beforeAll(async () => {
    store = await openTestStore();
    folder = mkdtempSync(path.join(os.tmpdir(), 'o2o-demo-test-'));
    cpSync(EXAMPLES_FOLDER, folder, { recursive: true });
    // Line 2 is post 10135, which reports to 19812; point it at a post the file does not have.
    const file = path.join(folder, 'hm-treasury-2011', 'senior-posts.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace(',19812,', ',99999,');
    writeFileSync(file, lines.join('\n'));
  });
  afterAll(async () => {
    await store?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports a manager missing from the file', async () => {
    const ctx = testContext(store, await createTestTenant(store, 'demo-broken'));
    const reports = await loadDemo(ctx, { folder });
    const treasury = reports.find((entry) => entry.dataset === 'hm-treasury')!.summary;
    expect(treasury.created).toBe(EXPECTED.treasury);
    expect(treasury.reportingLines.created).toBe(EXPECTED.reportingLines - 1);
    expect(treasury.warnings).toEqual([{ line: 2, reasonKey: 'import.warning.managerNotFound', params: { reference: '99999' } }]);
    const [row] = await store.db.select({ value: sql<number>`count(*)` }).from(contacts).where(eq(contacts.tenantId, ctx.tenantId));
    expect(Number(row!.value)).toBe(EXPECTED.acme + EXPECTED.treasury);
  });
});
