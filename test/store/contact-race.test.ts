// The same new contact added by several requests at once is stored once: upserts at one account
// take turns, so each later request finds the contact the first one created.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../../src/app/accounts.js';
import { upsertContact } from '../../src/app/contacts.js';
import type { Store } from '../../src/store/database.js';
import { contacts } from '../../src/store/schema.js';
import { createTestTenant, openTestStore, testContext } from '../helpers/store.js';

describe('concurrent contact upserts', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore();
  });

  afterAll(async () => {
    await store.close();
  });

  it('stores one contact for simultaneous adds', async () => {
    const tenantId = await createTestTenant(store, 'contact-race');
    const ctx = testContext(store, tenantId);
    const account = await createAccount(ctx, { name: 'Initech' });

    const results = await Promise.all(Array.from({ length: 6 }, () => upsertContact(ctx, { accountId: account.id, name: 'Peter Gibbons', title: 'Engineer' })));

    const stored = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.accountId, account.id)));
    expect(stored).toHaveLength(1);
    expect(results.filter((result) => result.outcome === 'created')).toHaveLength(1);
    expect(new Set(results.map((result) => result.contact.id))).toEqual(new Set([stored[0]!.id]));
  });

  it('lets adds at other accounts run', async () => {
    const tenantId = await createTestTenant(store, 'contact-race-accounts');
    const ctx = testContext(store, tenantId);
    const first = await createAccount(ctx, { name: 'Initrode' });
    const second = await createAccount(ctx, { name: 'Chotchkie' });

    await Promise.all([upsertContact(ctx, { accountId: first.id, name: 'Joanna' }), upsertContact(ctx, { accountId: second.id, name: 'Joanna' })]);

    const stored = await store.db.select().from(contacts).where(eq(contacts.tenantId, tenantId));
    expect(stored).toHaveLength(2);
  });
});
