// Tenants: one seller organisation each (a Slack workspace, a Teams tenant, or the local one).
import { eq } from 'drizzle-orm';

import type { Locale } from '../config/env.js';
import type { Executor } from '../store/database.js';
import { tenants, type Tenant } from '../store/schema.js';

/** Returns the tenant with this external key, creating it on first use. */
export async function ensureTenant(
  db: Executor,
  externalKey: string,
  defaults: { name?: string; defaultLocale?: Locale } = {},
): Promise<Tenant> {
  const [existing] = await db.select().from(tenants).where(eq(tenants.externalKey, externalKey)).limit(1);
  if (existing) return existing;
  await db
    .insert(tenants)
    .values({ externalKey, name: defaults.name ?? externalKey, defaultLocale: defaults.defaultLocale ?? 'en' })
    .onConflictDoNothing({ target: tenants.externalKey });
  const [created] = await db.select().from(tenants).where(eq(tenants.externalKey, externalKey)).limit(1);
  return created!;
}
