// How an import finds the account of each row: once per distinct name, by exact name or alias,
// else as a near duplicate of one account, else by creating it. And the account stored on the
// relationships and reporting lines it writes.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../../src/app/accounts.js';
import type { AppContext } from '../../src/app/context.js';
import { importFile, importRecords, type ImportRecord } from '../../src/app/import/index.js';
import { upsertContact } from '../../src/app/contacts.js';
import { upsertMember } from '../../src/app/members.js';
import type { Store } from '../../src/store/database.js';
import { accounts, contacts, relationships, reportingLines } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore, testContext } from '../helpers/store.js';
import { temporaryFolder } from './helpers.js';

const files = temporaryFolder();
const MEMBER = 'helene.caron@northwind.example';

describe(`import accounts on ${driverName}`, () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store?.close();
    files.remove();
  });

  async function freshTenant(label: string): Promise<AppContext> {
    const ctx = testContext(store, await createTestTenant(store, label));
    await upsertMember(ctx, { name: 'Hélène Caron', email: MEMBER });
    return ctx;
  }

  async function accountNames(ctx: AppContext): Promise<string[]> {
    const rows = await store.db.select({ name: accounts.name }).from(accounts).where(eq(accounts.tenantId, ctx.tenantId));
    return rows.map((row) => row.name).sort();
  }

  async function accountOfContact(ctx: AppContext, name: string): Promise<string> {
    const [row] = await store.db
      .select({ accountId: contacts.accountId })
      .from(contacts)
      .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.name, name)));
    return row!.accountId;
  }

  it('resolves each name once per import', async () => {
    const ctx = await freshTenant('once');
    const rename = async () => {
      // No use case renames an account. The test does, between two batches, to show that the
      // second batch reuses what the first one resolved instead of looking "Globex" up again.
      await store.db.execute(sql`update accounts set name = 'Globex Holdings', normalized_name = 'globex holdings' where tenant_id = ${ctx.tenantId}`);
    };
    async function* records(): AsyncGenerator<ImportRecord> {
      yield { line: 2, account: 'Globex', name: 'Ann Lee' };
      await rename();
      yield { line: 3, account: 'GLOBEX ', name: 'Bob Ray' };
    }

    const summary = await importRecords(ctx, records(), { batchSize: 1 });

    expect(summary.created).toBe(2);
    expect(await accountNames(ctx)).toEqual(['Globex Holdings']);
    expect(await accountOfContact(ctx, 'Bob Ray')).toBe(await accountOfContact(ctx, 'Ann Lee'));
  });

  it('reads a typo of a name created in the same batch', async () => {
    const ctx = await freshTenant('same-batch');
    const summary = await importFile(ctx, files.file('same-batch.csv', 'account,name\nAcme Energy,Ann Lee\nAcme Enrgy,Bob Ray\nacme energy,Cy Dow\n'));

    expect(summary.created).toBe(3);
    expect(summary.correctedAccounts).toEqual([{ typed: 'Acme Enrgy', used: 'Acme Energy' }]);
    expect(await accountNames(ctx)).toEqual(['Acme Energy']);
  });

  it('matches an existing alias exactly or with a typo', async () => {
    const ctx = await freshTenant('alias');
    const account = await createAccount(ctx, { name: 'Société Générale', aliases: ['SocGen Group'] });
    const csv = 'account,name\nsocgen group,Ann Lee\nSocGen Grop,Bob Ray\n';

    const summary = await importFile(ctx, files.file('alias.csv', csv));

    expect(summary.correctedAccounts).toEqual([{ typed: 'SocGen Grop', used: 'Société Générale' }]);
    expect(await accountNames(ctx)).toEqual(['Société Générale']);
    expect(await accountOfContact(ctx, 'Ann Lee')).toBe(account.id);
    expect(await accountOfContact(ctx, 'Bob Ray')).toBe(account.id);
  });

  it('creates an account when two are within a typo', async () => {
    const ctx = await freshTenant('ambiguous');
    await createAccount(ctx, { name: 'Acme Energy' });
    await createAccount(ctx, { name: 'Acme Enrgi' });

    const summary = await importFile(ctx, files.file('ambiguous.csv', 'account,name\nAcme Enrgy,Ann Lee\n'));

    expect(summary.correctedAccounts).toEqual([]);
    expect(await accountNames(ctx)).toEqual(['Acme Energy', 'Acme Enrgi', 'Acme Enrgy']);
  });

  it('keeps numbered accounts apart in one batch', async () => {
    const ctx = await freshTenant('numbered-batch');
    const csv = 'account,name\nImported Account 0001,Ann Lee\nImported Account 0002,Bob Ray\nImported Acount 0001,Cy Dow\n';

    const summary = await importFile(ctx, files.file('numbered-batch.csv', csv));

    expect(summary.correctedAccounts).toEqual([{ typed: 'Imported Acount 0001', used: 'Imported Account 0001' }]);
    expect(await accountNames(ctx)).toEqual(['Imported Account 0001', 'Imported Account 0002']);
  });

  it('rejects a row whose account name is invalid', async () => {
    const ctx = await freshTenant('invalid-name');
    const summary = await importFile(ctx, files.file('invalid-name.csv', `account,name\n"${'x'.repeat(201)}",Ann Lee\n"!!!",Bob Ray\nGlobex,Cy Dow\n`));

    expect(summary).toMatchObject({ created: 1, rejected: 2 });
    expect(summary.rejectedRows.map((row) => [row.line, row.reasonKey])).toEqual([
      [2, 'validation.invalidField'],
      [3, 'accounts.invalidName'],
    ]);
    expect(await accountNames(ctx)).toEqual(['Globex']);
  });

  it('keeps an account created before a failed row', async () => {
    const ctx = await freshTenant('retry');
    await upsertContact(ctx, { account: 'Globex', name: 'Pia Holm', email: 'pia@globex.example', externalRef: 'P1' });
    await upsertContact(ctx, { account: 'Globex', name: 'Quinn Roy', email: 'quinn@globex.example', externalRef: 'Q1' });
    // The second row gives Quinn Pia's reference, so the batch fails and is retried row by row.
    const csv = 'account,name,email,external_ref\nInitech,Ivy Tan,ivy@initech.example,I1\nGlobex,Quinn Roy,quinn@globex.example,P1\nInitch,Jon Fry,jon@initech.example,I2\n';

    const summary = await importFile(ctx, files.file('retry.csv', csv));

    expect(summary).toMatchObject({ created: 2, rejected: 1 });
    expect(summary.correctedAccounts).toEqual([{ typed: 'Initch', used: 'Initech' }]);
    expect(await accountNames(ctx)).toEqual(['Globex', 'Initech']);
    expect(await accountOfContact(ctx, 'Jon Fry')).toBe(await accountOfContact(ctx, 'Ivy Tan'));
  });

  it('stores the contact’s account on new links', async () => {
    const ctx = await freshTenant('links');
    const existing = await upsertContact(ctx, { account: 'Globex', name: 'Pia Holm', externalRef: 'P1' });
    // Ann and Bob are new, so the import writes their account. Pia exists, so the trigger copies hers.
    const csv = `account,name,external_ref,manager_ref,member,strength\nInitech,Ann Lee,A1,,${MEMBER},3\nInitech,Bob Ray,B1,A1,${MEMBER},2\nGlobex,Pia Holm,P1,,${MEMBER},4\nGlobex,Quinn Roy,Q1,P1,,\n`;

    const summary = await importFile(ctx, files.file('links.csv', csv));

    expect(summary.relationships.created).toBe(3);
    expect(summary.reportingLines.created).toBe(2);
    const contactAccounts = await store.db.select({ id: contacts.id, accountId: contacts.accountId }).from(contacts).where(eq(contacts.tenantId, ctx.tenantId));
    const accountOf = new Map(contactAccounts.map((row) => [row.id, row.accountId]));
    const relationshipRows = await store.db.select().from(relationships).where(eq(relationships.tenantId, ctx.tenantId));
    expect(relationshipRows).toHaveLength(3);
    for (const row of relationshipRows) expect(row.accountId).toBe(accountOf.get(row.contactId));
    expect(relationshipRows.find((row) => row.contactId === existing.contact.id)?.accountId).toBe(existing.contact.accountId);
    const lineRows = await store.db.select().from(reportingLines).where(eq(reportingLines.tenantId, ctx.tenantId));
    expect(lineRows).toHaveLength(2);
    for (const row of lineRows) expect(row.accountId).toBe(accountOf.get(row.contactId));
  });
});
