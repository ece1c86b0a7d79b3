// Contacts: the people at a customer account.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';

import { normalizeEmail, normalizeName } from '../domain/names.js';
import type { Executor } from '../store/database.js';
import { contacts, type Contact } from '../store/schema.js';
import { ensureAccount } from './accounts.js';
import { recordAudit } from './audit.js';
import type { AppContext } from './context.js';
import { isoDate, parseInput } from './validation.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((value) => (value ? value : value === undefined ? undefined : null));

export const contactInput = z
  .object({
    accountId: z.string().uuid().optional(),
    /** Account name, used when accountId is absent; created when unknown. */
    account: z.string().trim().min(1).max(200).optional(),
    name: optionalText(200),
    title: optionalText(300),
    department: optionalText(200),
    unit: optionalText(200),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .email()
      .max(320)
      .optional()
      .nullable()
      .or(z.literal('').transform(() => null)),
    phone: optionalText(50),
    profileUrl: z.string().trim().url().max(500).optional().nullable().or(z.literal('').transform(() => null)),
    seniority: optionalText(100),
    status: z.enum(['active', 'left']).optional(),
    leftOn: isoDate().optional().nullable(),
    source: z.string().trim().min(1).max(100).optional(),
    externalRef: optionalText(200),
  })
  .refine((input) => input.accountId || input.account, { path: ['account'], message: 'required' })
  .refine((input) => input.name || input.title, { path: ['name'], message: 'nameOrTitle' });
export type ContactInput = z.input<typeof contactInput>;
type ParsedContact = z.output<typeof contactInput>;

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface UpsertedContact {
  contact: Contact;
  outcome: WriteOutcome;
  /** The account name as typed, when it was read as an existing account's name with a typo. */
  correctedAccount?: { typed: string; used: string };
}

type WriteContext = Pick<AppContext, 'db' | 'tenantId' | 'actor'>;

const EDITABLE_FIELDS = ['name', 'title', 'department', 'unit', 'email', 'phone', 'profileUrl', 'seniority', 'status', 'leftOn', 'externalRef'] as const;

/**
 * Creates or updates a contact. An existing contact is matched on e-mail anywhere in the tenant,
 * else on the record's external reference in the account, else on its name in the account.
 * Fields left out keep their stored value; a field given as null is cleared.
 */
export async function upsertContact(ctx: WriteContext, raw: ContactInput): Promise<UpsertedContact> {
  const input = parseInput(contactInput, raw);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx as unknown as AppContext['db'] };
    let accountId = input.accountId;
    let correctedAccount: UpsertedContact['correctedAccount'];
    if (!accountId) {
      const account = await ensureAccount(txCtx, { name: input.account! });
      accountId = account.id;
      if (account.outcome === 'corrected') correctedAccount = { typed: input.account!, used: account.label };
    }

    // Two requests adding the same new person at once (a double submission, a replayed request
    // handled by two replicas) would both find no contact and both insert one: names are not
    // unique, so no index can stop it. Upserts at one account therefore take turns.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${ctx.tenantId}), hashtext(${accountId}))`);
    const existing = await findExistingContact(tx, ctx.tenantId, accountId, input);
    const fields = pickDefined(input);
    const normalizedName = normalizeName(fields.name ?? existing?.name ?? fields.title ?? existing?.title ?? '');

    if (!existing) {
      const [contact] = await tx
        .insert(contacts)
        .values({
          tenantId: ctx.tenantId,
          accountId,
          ...fields,
          normalizedName,
          source: input.source ?? 'manual',
          createdBy: ctx.actor?.memberId ?? null,
        })
        .returning();
      await recordAudit(txCtx, { action: 'contact.create', targetType: 'contact', targetId: contact!.id, details: { source: contact!.source } });
      return { contact: contact!, outcome: 'created' as const, ...(correctedAccount && { correctedAccount }) };
    }

    const changes = Object.fromEntries(
      Object.entries(fields).filter(([key, value]) => (existing as Record<string, unknown>)[key] !== value),
    );
    if (Object.keys(changes).length === 0) return { contact: existing, outcome: 'unchanged' as const, ...(correctedAccount && { correctedAccount }) };
    const [contact] = await tx
      .update(contacts)
      .set({ ...changes, normalizedName, updatedAt: new Date() })
      .where(eq(contacts.id, existing.id))
      .returning();
    return { contact: contact!, outcome: 'updated' as const, ...(correctedAccount && { correctedAccount }) };
  });
}

function pickDefined(input: ParsedContact): Partial<Pick<Contact, (typeof EDITABLE_FIELDS)[number]>> {
  const fields: Record<string, unknown> = {};
  for (const key of EDITABLE_FIELDS) {
    const value = input[key];
    if (value !== undefined) fields[key] = key === 'email' ? normalizeEmail(value as string | null) : value;
  }
  if (input.status === 'active' && input.leftOn === undefined) fields.leftOn = null;
  return fields as Partial<Contact>;
}

async function findExistingContact(db: Executor, tenantId: string, accountId: string, input: ParsedContact): Promise<Contact | undefined> {
  const email = normalizeEmail(input.email);
  if (email) {
    const [byEmail] = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), sql`lower(${contacts.email}) = ${email}`))
      .limit(1);
    if (byEmail) return byEmail;
  }
  if (input.externalRef) {
    const [byRef] = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.accountId, accountId), eq(contacts.externalRef, input.externalRef)))
      .limit(1);
    if (byRef) return byRef;
    // A record with its own reference is a new person even when a namesake exists.
    return undefined;
  }
  if (input.name) {
    const [byName] = await db
      .select()
      .from(contacts)
      .where(
        and(
          eq(contacts.tenantId, tenantId),
          eq(contacts.accountId, accountId),
          isNotNull(contacts.name),
          eq(contacts.normalizedName, normalizeName(input.name)),
        ),
      )
      .limit(1);
    if (byName) return byName;
  }
  return undefined;
}
