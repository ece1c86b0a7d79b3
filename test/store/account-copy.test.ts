// The triggers that store a contact's account on its relationships, reporting lines and
// influence links. An insert without account_id gets the contact's and an insert with one keeps
// it. An update recomputes it, and moving the contact moves its links.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../../src/app/accounts.js';
import { upsertContact } from '../../src/app/contacts.js';
import type { AppContext } from '../../src/app/context.js';
import { upsertMember } from '../../src/app/members.js';
import type { Store } from '../../src/store/database.js';
import { contacts, influenceLinks, relationships, reportingLines } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore, testContext } from '../helpers/store.js';

describe(`account copied onto links on ${driverName}`, () => {
  let store: Store;
  let ctx: AppContext;
  let memberId: string;
  const accountIds: Record<'acme' | 'globex', string> = { acme: '', globex: '' };
  const contactIds: Record<'ann' | 'bob' | 'cy', string> = { ann: '', bob: '', cy: '' };

  beforeAll(async () => {
    store = await openTestStore();
    ctx = testContext(store, await createTestTenant(store, 'account-copy'));
    memberId = (await upsertMember(ctx, { name: 'Hélène Caron', email: 'helene.caron@northwind.example' })).member.id;
    accountIds.acme = (await createAccount(ctx, { name: 'Acme' })).id;
    accountIds.globex = (await createAccount(ctx, { name: 'Globex' })).id;
    contactIds.ann = (await upsertContact(ctx, { accountId: accountIds.acme, name: 'Ann Lee' })).contact.id;
    contactIds.bob = (await upsertContact(ctx, { accountId: accountIds.globex, name: 'Bob Ray' })).contact.id;
    contactIds.cy = (await upsertContact(ctx, { accountId: accountIds.acme, name: 'Cy Dow' })).contact.id;
  });
  afterAll(() => store?.close());

  it('copies the account an insert leaves unset', async () => {
    const [relationship] = await store.db
      .insert(relationships)
      .values({ tenantId: ctx.tenantId, memberId, contactId: contactIds.ann, strength: 3 })
      .returning();
    const [line] = await store.db
      .insert(reportingLines)
      .values({ tenantId: ctx.tenantId, contactId: contactIds.ann, managerId: contactIds.cy })
      .returning();
    const [link] = await store.db
      .insert(influenceLinks)
      .values({ tenantId: ctx.tenantId, fromContactId: contactIds.bob, toContactId: contactIds.ann })
      .returning();

    expect(relationship!.accountId).toBe(accountIds.acme);
    expect(line!.accountId).toBe(accountIds.acme);
    expect(link!.accountId).toBe(accountIds.globex);
  });

  it('keeps the account an insert supplies', async () => {
    // Bob is at Globex. Supplying Acme shows that the insert trigger did not look the contact up.
    // Only the import supplies the account, for contacts it has just created.
    const [relationship] = await store.db
      .insert(relationships)
      .values({ tenantId: ctx.tenantId, memberId, contactId: contactIds.bob, accountId: accountIds.acme, strength: 2 })
      .returning();
    const [line] = await store.db
      .insert(reportingLines)
      .values({ tenantId: ctx.tenantId, contactId: contactIds.bob, managerId: contactIds.cy, accountId: accountIds.acme })
      .returning();
    const [link] = await store.db
      .insert(influenceLinks)
      .values({ tenantId: ctx.tenantId, fromContactId: contactIds.cy, toContactId: contactIds.bob, accountId: accountIds.globex })
      .returning();

    expect(relationship!.accountId).toBe(accountIds.acme);
    expect(line!.accountId).toBe(accountIds.acme);
    expect(link!.accountId).toBe(accountIds.globex);
  });

  it('recomputes the account on update', async () => {
    const [relationship] = await store.db
      .insert(relationships)
      .values({ tenantId: ctx.tenantId, memberId, contactId: contactIds.cy, strength: 4 })
      .returning();

    const [reset] = await store.db.update(relationships).set({ accountId: accountIds.globex }).where(eq(relationships.id, relationship!.id)).returning();
    expect(reset!.accountId).toBe(accountIds.acme);

    await store.db.delete(relationships).where(eq(relationships.contactId, contactIds.bob));
    const [moved] = await store.db.update(relationships).set({ contactId: contactIds.bob }).where(eq(relationships.id, relationship!.id)).returning();
    expect(moved!.accountId).toBe(accountIds.globex);
  });

  it('moves the links of a contact that changes account', async () => {
    await store.db.update(contacts).set({ accountId: accountIds.globex }).where(eq(contacts.id, contactIds.ann));

    const [relationship] = await store.db.select().from(relationships).where(eq(relationships.contactId, contactIds.ann));
    const [line] = await store.db.select().from(reportingLines).where(eq(reportingLines.contactId, contactIds.ann));
    expect(relationship!.accountId).toBe(accountIds.globex);
    expect(line!.accountId).toBe(accountIds.globex);
  });
});
