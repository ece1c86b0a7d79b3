// Fuzzy name lookups over accounts, contacts and members, served by trigram indexes on the
// normalised names. Callers pass names already normalised with normalizeName.
import { sql } from 'drizzle-orm';

import { queryRows, type Executor } from '../database.js';

export interface NameCandidate {
  id: string;
  label: string;
  normalized: string;
  /** Trigram similarity of the best matching name, from 0 to 1. */
  score: number;
  /** Account name of a contact, e-mail of a member. */
  detail: string | null;
}

function likePattern(normalized: string): string {
  return `%${normalized.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Accounts whose name or an alias is like the query, best first. */
export async function searchAccountNames(db: Executor, tenantId: string, normalized: string, limit = 8): Promise<NameCandidate[]> {
  const pattern = likePattern(normalized);
  return queryRows<NameCandidate>(
    db,
    sql`with names as (
          select a.id, a.name as label, a.normalized_name as normalized from accounts a where a.tenant_id = ${tenantId}
          union all
          select a.id, a.name, al.normalized_alias from account_aliases al join accounts a on a.id = al.account_id
           where al.tenant_id = ${tenantId}
        )
        select id, label, normalized, similarity(normalized, ${normalized})::float8 as score, null as detail
          from names
         where normalized % ${normalized} or normalized like ${pattern} or ${normalized} <% normalized
         order by (normalized = ${normalized}) desc, (normalized like ${`${normalized}%`}) desc, score desc, label
         limit ${limit * 2}`,
  ).then((rows) => dedupeById(rows).slice(0, limit));
}

/** Contacts whose name (or title, when the name is unknown) is like the query, best first. */
export async function searchContactNames(
  db: Executor,
  tenantId: string,
  normalized: string,
  options: { accountId?: string; limit?: number } = {},
): Promise<NameCandidate[]> {
  const pattern = likePattern(normalized);
  const accountFilter = options.accountId ? sql`and c.account_id = ${options.accountId}` : sql``;
  return queryRows<NameCandidate>(
    db,
    sql`select c.id, coalesce(c.name, c.title, '?') as label, c.normalized_name as normalized,
               similarity(c.normalized_name, ${normalized})::float8 as score, a.name as detail
          from contacts c join accounts a on a.id = c.account_id
         where c.tenant_id = ${tenantId} ${accountFilter}
           and (c.normalized_name % ${normalized} or c.normalized_name like ${pattern} or ${normalized} <% c.normalized_name)
         order by (c.normalized_name = ${normalized}) desc, (c.name is not null) desc, score desc, label
         limit ${options.limit ?? 8}`,
  );
}

/** Active members whose name is like the query, best first. */
export async function searchMemberNames(db: Executor, tenantId: string, normalized: string, limit = 8): Promise<NameCandidate[]> {
  const pattern = likePattern(normalized);
  return queryRows<NameCandidate>(
    db,
    sql`select m.id, m.name as label, m.normalized_name as normalized,
               similarity(m.normalized_name, ${normalized})::float8 as score, m.email as detail
          from members m
         where m.tenant_id = ${tenantId} and m.active
           and (m.normalized_name % ${normalized} or m.normalized_name like ${pattern} or ${normalized} <% m.normalized_name)
         order by (m.normalized_name = ${normalized}) desc, score desc, label
         limit ${limit}`,
  );
}

export interface ExactMatch {
  id: string;
  label: string;
}

/**
 * Accounts whose normalised name or alias is exactly the query, found through the unique
 * indexes; read queries try this before the fuzzy search.
 */
export async function findAccountsNamed(db: Executor, tenantId: string, normalized: string): Promise<ExactMatch[]> {
  return queryRows<ExactMatch>(
    db,
    sql`select a.id, a.name as label from accounts a where a.tenant_id = ${tenantId} and a.normalized_name = ${normalized}
        union
        select a.id, a.name from account_aliases al join accounts a on a.id = al.account_id
         where al.tenant_id = ${tenantId} and al.normalized_alias = ${normalized}`,
  );
}

/** A name or alias of an account, normalised, with the account's name as its label. */
export interface AccountName {
  id: string;
  label: string;
  normalized: string;
}

/**
 * Accounts whose normalised name or alias is one of `normalized`, found through the unique
 * indexes in one statement. An account matched by its name comes before one matched by an alias.
 */
export async function findAccountsNamedAny(db: Executor, tenantId: string, normalized: readonly string[]): Promise<AccountName[]> {
  if (normalized.length === 0) return [];
  // One JSON parameter, whatever the number of names.
  const names = sql`array(select jsonb_array_elements_text(${JSON.stringify(normalized)}::jsonb))`;
  return queryRows<AccountName>(
    db,
    sql`select id, label, normalized from (
          select a.id, a.name as label, a.normalized_name as normalized, 0 as rank from accounts a
           where a.tenant_id = ${tenantId} and a.normalized_name = any(${names})
          union all
          select a.id, a.name, al.normalized_alias, 1 from account_aliases al join accounts a on a.id = al.account_id
           where al.tenant_id = ${tenantId} and al.normalized_alias = any(${names})
        ) as found
        order by rank`,
  );
}

/** Lists every name and alias of the tenant's accounts, normalised. */
export async function listAccountNames(db: Executor, tenantId: string): Promise<AccountName[]> {
  return queryRows<AccountName>(
    db,
    sql`select a.id, a.name as label, a.normalized_name as normalized from accounts a where a.tenant_id = ${tenantId}
        union all
        select a.id, a.name, al.normalized_alias from account_aliases al join accounts a on a.id = al.account_id
         where al.tenant_id = ${tenantId}`,
  );
}

/** Contacts whose normalised name (or title, when the name is unknown) is exactly the query; at most `limit`. */
export async function findContactsNamed(db: Executor, tenantId: string, normalized: string, options: { accountId?: string; limit?: number } = {}): Promise<ExactMatch[]> {
  const accountFilter = options.accountId ? sql`and c.account_id = ${options.accountId}` : sql``;
  return queryRows<ExactMatch>(
    db,
    sql`select c.id, coalesce(c.name, c.title, '?') as label from contacts c
         where c.tenant_id = ${tenantId} and c.normalized_name = ${normalized} ${accountFilter}
         limit ${options.limit ?? 2}`,
  );
}

function dedupeById(rows: NameCandidate[]): NameCandidate[] {
  const seen = new Set<string>();
  return rows.filter((row) => (seen.has(row.id) ? false : (seen.add(row.id), true)));
}
