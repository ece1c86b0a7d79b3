// Erasing a contact at the person's request: their personal fields, their relationships,
// reporting lines, influence links, committee seats and requests go, interactions with nobody
// else go, notes of shared interactions are cleared, and stored messages and digest snapshots
// that name them are deleted. Audit rows stay, since they hold ids only.
import { and, eq, inArray, sql } from 'drizzle-orm';

import { queryRows, type Executor } from '../../store/database.js';
import { deleteTenantPictures } from '../../store/pictures.js';
import { contacts, interactionContacts, interactions, relationships } from '../../store/schema.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import { resolveContactForAdmin } from './export.js';

type AdminContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'> & Partial<Pick<AppContext, 'configuredAdmins'>>;

export interface ErasureReport {
  contactId: string;
  /** The label the contact had, for the confirmation shown to the admin; it is not stored. */
  label: string;
  relationships: number;
  interactionsDeleted: number;
  interactionsCleared: number;
  /** Notes about other people, deals or links that named the person, now cleared. */
  notesCleared: number;
  messagesDeleted: number;
  snapshotsDeleted: number;
  /** Map pictures served by link (all of the tenant's, since any may show the person). */
  picturesDeleted: number;
}

/** Erases a contact (admins only). Everything happens in one transaction. */
export async function eraseContact(ctx: AdminContext, person: string, options: { account?: string } = {}): Promise<ErasureReport> {
  const contact = await resolveContactForAdmin(ctx, person, options.account);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(contacts).where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.id, contact.id))).for('update');
    const names = [row?.name, row?.email].filter((value): value is string => Boolean(value && value.trim().length >= 3));

    const [{ count: relationshipCount } = { count: 0 }] = await queryRows<{ count: number }>(
      tx,
      sql`select count(*)::int as count from ${relationships} where tenant_id = ${ctx.tenantId} and contact_id = ${contact.id}`,
    );
    const { deleted, cleared } = await eraseInteractions(tx, ctx.tenantId, contact.id);
    const messagesDeleted = await deleteMentions(tx, 'outbound_messages', 'payload', ctx.tenantId, names);
    const snapshotsDeleted = await deleteMentions(tx, 'digest_runs', 'snapshot', ctx.tenantId, names);
    // Map pictures served by link are not searched: any of them may show the person, so all go.
    const picturesDeleted = await deleteTenantPictures(tx, ctx.tenantId);
    let notesCleared = 0;
    for (const [table, column] of NOTE_COLUMNS) notesCleared += await clearMentions(tx, table, column, ctx.tenantId, contact.id, names);

    // Relationships, their history, reporting lines, influence links, committee seats, outreach,
    // update and introduction requests go with the contact through their foreign keys.
    await tx.delete(contacts).where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.id, contact.id)));

    const report = { relationships: Number(relationshipCount), interactionsDeleted: deleted, interactionsCleared: cleared, notesCleared, messagesDeleted, snapshotsDeleted, picturesDeleted };
    await recordAudit({ ...ctx, db: tx as never }, { action: 'contact.erase', targetType: 'contact', targetId: contact.id, details: report });
    return { contactId: contact.id, label: contact.label, ...report };
  });
}

/** Deletes interactions with this contact alone, and clears note and link of those shared with other contacts. */
async function eraseInteractions(db: Executor, tenantId: string, contactId: string): Promise<{ deleted: number; cleared: number }> {
  const linked = await db
    .select({ id: interactionContacts.interactionId })
    .from(interactionContacts)
    .innerJoin(interactions, eq(interactions.id, interactionContacts.interactionId))
    .where(and(eq(interactionContacts.contactId, contactId), eq(interactions.tenantId, tenantId)));
  const ids = linked.map((row) => row.id);
  if (ids.length === 0) return { deleted: 0, cleared: 0 };

  const shared = await db
    .select({ id: interactionContacts.interactionId })
    .from(interactionContacts)
    .where(and(inArray(interactionContacts.interactionId, ids), sql`${interactionContacts.contactId} <> ${contactId}`));
  const sharedIds = new Set<string>(shared.map((row) => row.id));
  const alone = ids.filter((id) => !sharedIds.has(id));

  if (alone.length > 0) await db.delete(interactions).where(inArray(interactions.id, alone));
  // A shared interaction stays for the other people in it, but its note may name this person.
  if (sharedIds.size > 0) await db.update(interactions).set({ note: null, messageLink: null }).where(inArray(interactions.id, [...sharedIds]));
  return { deleted: alone.length, cleared: sharedIds.size };
}

// Free-text columns that may name a person while describing someone or something else.
const NOTE_COLUMNS = [
  ['relationships', 'note'],
  ['interactions', 'note'],
  ['influence_links', 'note'],
  ['outreach_assignments', 'note'],
  ['update_requests', 'answer'],
] as const;

function mentionCondition(column: string, names: string[]) {
  const patterns = names.map((name) => `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return sql.join(
    patterns.map((pattern) => sql`${sql.identifier(column)}::text ilike ${pattern}`),
    sql` or `,
  );
}

/** Clears a free-text column in the tenant's rows that name the person; rows of the person themselves go with them anyway. */
async function clearMentions(db: Executor, table: string, column: string, tenantId: string, contactId: string, names: string[]): Promise<number> {
  if (names.length === 0) return 0;
  const ownRows = table === 'relationships' || table === 'outreach_assignments' || table === 'update_requests' ? sql` and contact_id <> ${contactId}` : sql``;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = null
         where tenant_id = ${tenantId}${ownRows} and (${mentionCondition(column, names)}) returning id`,
  );
  return rows.length;
}

/**
 * Deletes the tenant's rows of a jsonb table whose content names the person: queued or sent
 * messages and the digest snapshots compared week to week.
 */
async function deleteMentions(db: Executor, table: 'outbound_messages' | 'digest_runs', column: 'payload' | 'snapshot', tenantId: string, names: string[]): Promise<number> {
  if (names.length === 0) return 0;
  const rows = await queryRows<{ id: string }>(db, sql`delete from ${sql.identifier(table)} where tenant_id = ${tenantId} and (${mentionCondition(column, names)}) returning id`);
  return rows.length;
}
