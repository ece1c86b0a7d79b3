// Read use cases: who knows whom at an account, who knows a person, whom a member knows, how
// to reach a person, and an account's contacts. Every query applies the relationship charter to
// the viewer (the policy is in src/domain/charter.ts), stays inside ctx.tenantId, and records one
// audit row per lookup.
import { z } from 'zod';

import { contactInfluence, rankTitles, spansOfControl } from '../domain/influence.js';
import { normalizeName } from '../domain/names.js';
import { findIntroductionPaths, MAX_HOPS, structuralSteps, type FoundPath } from '../domain/reach.js';
import { compareRelationships, relationshipScore } from '../domain/strength.js';
import { loadAccountContactsPage } from '../store/queries/account-contacts.js';
import { findAccountsNamed, findContactsNamed } from '../store/queries/lookup.js';
import { loadStructureAround } from '../store/queries/reach.js';
import {
  loadContacts,
  loadContactsKnownToOthers,
  loadKnownContactsAt,
  loadRelationshipsOf,
  loadRelationshipsWith,
  loadReportingLinesAt,
  type ContactRow,
  type RelationshipRow,
} from '../store/queries/who-knows.js';
import { recordAudit } from './audit.js';
import { viewpointOf } from './charter/policy.js';
import type { AppContext } from './context.js';
import { resolveAccount, resolveContact, resolveMember, type Resolved } from './lookup.js';
import { parseInput } from './validation.js';

export interface ContactSummary {
  id: string;
  /** Name, or title when the name is unknown. */
  label: string;
  name: string | null;
  title: string | null;
  department: string | null;
  unit: string | null;
  seniority: string | null;
  status: 'active' | 'left';
  accountId: string;
  accountName: string;
}

export interface MemberSummary {
  id: string;
  name: string;
}

export interface KnownBy {
  member: MemberSummary;
  strength: number;
  kind: string;
  lastContactOn: string | null;
  visibility: 'private' | 'deal_team' | 'tenant';
  /** Strength weighted by recency, from 0 to 1 (see src/domain/strength.ts). */
  score: number;
}

export interface WhoKnowsWhomResult {
  account: { id: string; name: string };
  /**
   * Known contacts, most influential first, each with our members best first. A contact whom
   * only hidden relationships reach has no `knownBy` and `othersKnow` set.
   */
  contacts: Array<{ contact: ContactSummary; influence: number; knownBy: KnownBy[]; othersKnow?: boolean }>;
  /** Contacts of the account that none of our members (visible to the viewer) knows. */
  unknownCount: number;
  totalContacts: number;
  /** Paging over `contacts`. */
  offset: number;
  hasMore: boolean;
  /** Page size asked for. */
  limit?: number;
  /** Time the relationship scores were computed for (ISO 8601); relative dates count from it. */
  asOf?: string;
}

export interface WhoKnowsResult {
  contact: ContactSummary;
  knownBy: KnownBy[];
  /** Someone else in our team knows the person, through a relationship the viewer may not see. */
  othersKnow?: boolean;
  asOf?: string;
}

export interface MemberKnowsResult {
  member: MemberSummary;
  account: { id: string; name: string } | null;
  relationships: Array<{ contact: ContactSummary } & Omit<KnownBy, 'member'>>;
  /** Relationships the viewer may see in all; `relationships` is the page from `offset`. */
  total?: number;
  offset?: number;
  limit?: number;
  hasMore?: boolean;
  asOf?: string;
}

export type PathStepKind = 'knows' | 'manages' | 'reports_to' | 'influences' | 'influenced_by';

export interface PathStep {
  /** How this step reaches `to` from the previous node. */
  kind: PathStepKind;
  to: { type: 'contact'; contact: ContactSummary };
  /** Weight of the step, from 0 to 1. */
  weight: number;
  /** Set on "knows" steps. */
  strength?: number;
  lastContactOn?: string | null;
}

export interface IntroPath {
  from: MemberSummary;
  steps: PathStep[];
  /** Product of the step weights, from 0 to 1; higher is better. */
  score: number;
}

export interface ReachResult {
  target: ContactSummary;
  paths: IntroPath[];
  /** Someone else in our team knows the person, through a relationship the viewer may not see. */
  othersKnow?: boolean;
  /** Longest path searched, in hops. */
  maxHops?: number;
  asOf?: string;
}

export interface ContactsResult {
  account: { id: string; name: string };
  contacts: Array<ContactSummary & { knownByCount: number; othersKnow?: boolean; managerLabel: string | null }>;
  total: number;
  offset: number;
  hasMore: boolean;
  limit?: number;
}

export interface PageOptions {
  offset?: number;
  limit?: number;
}

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 50;
export const DEFAULT_REACH_LIMIT = 5;
export const MAX_REACH_LIMIT = 20;

const pageInput = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

const reachInput = z.object({
  maxHops: z.coerce.number().int().min(1).max(MAX_HOPS).default(MAX_HOPS),
  limit: z.coerce.number().int().min(1).max(MAX_REACH_LIMIT).default(DEFAULT_REACH_LIMIT),
});

type Page = z.output<typeof pageInput>;

/**
 * Lists the account's active contacts that someone of ours knows, most influential first, each
 * with the members who know them, best relationship first. Influence is computed for every known
 * contact, since ordering needs it; relationship details are read for the page only.
 */
export async function whoKnowsWhomAt(ctx: AppContext, accountQuery: string, page?: PageOptions): Promise<WhoKnowsWhomResult> {
  const { offset, limit } = parsePage(page);
  // Independent reads and the audit row go out together: each await is a round trip to the store.
  const [account, viewpoint] = await Promise.all([findAccount(ctx, accountQuery), viewpointOf(ctx)]);
  const [{ total, known }, lines] = await Promise.all([
    loadKnownContactsAt(ctx.db, ctx.tenantId, account.id, viewpoint),
    loadReportingLinesAt(ctx.db, ctx.tenantId, account.id),
    recordLookup(ctx, 'lookup.account', 'account', account.id),
  ]);
  const spans = spansOfControl(lines);
  const rankOf = rankTitles();
  const ranked = known
    .map((row) => {
      const inputs = { title: row.title, seniority: row.seniority, rank: rankOf(row.title, row.seniority), reports: spans.get(row.id) ?? 0, influenceWeight: row.influenceWeight };
      return { row, influence: contactInfluence(inputs) };
    })
    .sort((a, b) => b.influence - a.influence || b.row.knownBy - a.row.knownBy || compareText(a.row.normalizedName, b.row.normalizedName) || compareText(a.row.id, b.row.id));
  const pageEntries = ranked.slice(offset, offset + limit);

  const ids = pageEntries.map((entry) => entry.row.id);
  const [contactRows, relationshipRows] = await Promise.all([
    loadContacts(ctx.db, ctx.tenantId, ids),
    loadRelationshipsWith(ctx.db, ctx.tenantId, ids, viewpoint),
  ]);
  const contactsById = new Map(contactRows.map((row) => [row.id, toContactSummary(row)]));
  const knownByContact = groupKnownBy(relationshipRows, ctx.now());

  return {
    account: { id: account.id, name: account.label },
    contacts: pageEntries.map((entry) => ({
      contact: contactsById.get(entry.row.id)!,
      influence: round(entry.influence),
      knownBy: knownByContact.get(entry.row.id) ?? [],
      ...(entry.row.othersKnow && { othersKnow: true }),
    })),
    unknownCount: total - known.length,
    totalContacts: total,
    offset,
    limit,
    hasMore: offset + limit < ranked.length,
    asOf: ctx.now().toISOString(),
  };
}

/** Returns the members who know a person, best relationship first. */
export async function whoKnows(ctx: AppContext, personQuery: string, options: { account?: string } = {}): Promise<WhoKnowsResult> {
  const contactId = await resolvePerson(ctx, personQuery, options.account);
  const viewpoint = await viewpointOf(ctx);
  await recordLookup(ctx, 'lookup.contact', 'contact', contactId);
  const [contactRows, relationshipRows, knownToOthers] = await Promise.all([
    loadContacts(ctx.db, ctx.tenantId, [contactId]),
    loadRelationshipsWith(ctx.db, ctx.tenantId, [contactId], viewpoint),
    loadContactsKnownToOthers(ctx.db, ctx.tenantId, [contactId], viewpoint),
  ]);
  return {
    contact: toContactSummary(contactRows[0]!),
    knownBy: groupKnownBy(relationshipRows, ctx.now()).get(contactId) ?? [],
    ...(knownToOthers.has(contactId) && { othersKnow: true }),
    asOf: ctx.now().toISOString(),
  };
}

/** Returns the contacts a member knows, as the viewer may see them, best relationship first, one page at a time. */
export async function whomDoesMemberKnow(ctx: AppContext, memberQuery: string, options: { account?: string } & PageOptions = {}): Promise<MemberKnowsResult> {
  const { offset, limit } = parsePage(options);
  const member = await resolveMember(ctx, memberQuery);
  const account = options.account ? await findAccount(ctx, options.account) : null;
  await recordLookup(ctx, 'lookup.member', 'member', member.id);
  const rows = await loadRelationshipsOf(ctx.db, ctx.tenantId, member.id, await viewpointOf(ctx), account?.id ?? null);

  const now = ctx.now();
  const relationships = rows
    .map((row) => ({ contact: toContactSummary(row.contact), ...relationshipFacts(row, now) }))
    .sort((a, b) => compareRelationships({ ...a, name: a.contact.label }, { ...b, name: b.contact.label }));
  return {
    member: { id: member.id, name: member.label },
    account: account ? { id: account.id, name: account.label } : null,
    relationships: relationships.slice(offset, offset + limit),
    total: relationships.length,
    offset,
    limit,
    hasMore: offset + limit < relationships.length,
    asOf: now.toISOString(),
  };
}

/**
 * Finds the best introduction paths from any of our members to a person, through the
 * relationships the viewer may see and the person's current reporting lines and influence
 * links, up to maxHops hops (member → … → person).
 */
export async function howToReach(
  ctx: AppContext,
  personQuery: string,
  options: { account?: string; maxHops?: number; limit?: number } = {},
): Promise<ReachResult> {
  const { maxHops, limit } = parseInput(reachInput, { maxHops: options.maxHops, limit: options.limit });
  const [targetId, viewpoint] = await Promise.all([resolvePerson(ctx, personQuery, options.account), viewpointOf(ctx)]);
  const [structure, knownToOthers] = await Promise.all([
    loadStructureAround(ctx.db, ctx.tenantId, targetId, maxHops - 1),
    loadContactsKnownToOthers(ctx.db, ctx.tenantId, [targetId], viewpoint),
    recordLookup(ctx, 'lookup.reach', 'contact', targetId),
  ]);
  const nodeIds = new Set([targetId, ...structure.lines.flatMap((line) => [line.contactId, line.managerId]), ...structure.links.flatMap((link) => [link.fromContactId, link.toContactId])]);
  const relationships = await loadRelationshipsWith(ctx.db, ctx.tenantId, [...nodeIds], viewpoint);
  const excluded = new Set(structure.leftContactIds.filter((id) => id !== targetId));
  const found = findIntroductionPaths({
    target: targetId,
    relationships,
    steps: structuralSteps(structure.lines, structure.links),
    now: ctx.now(),
    maxHops,
    limit,
    excluded,
  });

  const pathContactIds = new Set([targetId, ...found.flatMap((path) => [path.relationship.contactId, ...path.steps.map((step) => step.to)])]);
  const contactsById = new Map((await loadContacts(ctx.db, ctx.tenantId, [...pathContactIds])).map((row) => [row.id, toContactSummary(row)]));
  return {
    target: contactsById.get(targetId)!,
    paths: found.map((path) => toIntroPath(path, contactsById)),
    ...(knownToOthers.has(targetId) && { othersKnow: true }),
    maxHops,
    asOf: ctx.now().toISOString(),
  };
}

/** Lists an account's contacts in name order, with how many of ours know each and their current manager. */
export async function listContacts(ctx: AppContext, accountQuery: string, page?: PageOptions): Promise<ContactsResult> {
  const { offset, limit } = parsePage(page);
  const account = await findAccount(ctx, accountQuery);
  await recordLookup(ctx, 'lookup.contacts', 'account', account.id);
  const { total, rows } = await loadAccountContactsPage(ctx.db, ctx.tenantId, account.id, await viewpointOf(ctx), { offset, limit });
  return {
    account: { id: account.id, name: account.label },
    contacts: rows.map((row) => ({ ...toContactSummary(row), knownByCount: row.knownByCount, ...(row.othersKnow && { othersKnow: true }), managerLabel: row.managerLabel })),
    total,
    offset,
    limit,
    hasMore: offset + rows.length < total,
  };
}

/** Records who looked up which account, person or member: ids only, as every audit row. */
export async function recordLookup(ctx: AppContext, action: string, targetType: 'account' | 'contact' | 'member' | 'deal', targetId: string): Promise<void> {
  await recordAudit(ctx, { action, targetType, targetId });
}

function parsePage(page: PageOptions | undefined): Page {
  return parseInput(pageInput, { offset: page?.offset, limit: page?.limit });
}

// Read queries first look for the exact name through a btree index and fall back to the fuzzy
// search, which also builds the "did you mean" suggestions, only when that finds no single match.

async function findAccount(ctx: AppContext, query: string): Promise<Resolved> {
  const normalized = normalizeName(query);
  const exact = normalized ? await findAccountsNamed(ctx.db, ctx.tenantId, normalized) : [];
  return exact.length === 1 ? exact[0]! : resolveAccount(ctx, query);
}

/** Resolves a person, within an account when one is named. */
async function resolvePerson(ctx: AppContext, personQuery: string, accountQuery: string | undefined): Promise<string> {
  const account = accountQuery ? await findAccount(ctx, accountQuery) : null;
  const options = account ? { accountId: account.id } : {};
  const normalized = normalizeName(personQuery);
  const exact = normalized ? await findContactsNamed(ctx.db, ctx.tenantId, normalized, options) : [];
  if (exact.length === 1) return exact[0]!.id;
  return (await resolveContact(ctx, personQuery, options)).id;
}

function toContactSummary(row: ContactRow): ContactSummary {
  return { ...row, label: row.name ?? row.title ?? '?', status: row.status === 'left' ? 'left' : 'active' };
}

function relationshipFacts(row: RelationshipRow, now: Date): Omit<KnownBy, 'member'> {
  return {
    strength: row.strength,
    kind: row.kind,
    lastContactOn: row.lastContactOn,
    visibility: row.visibility,
    score: round(relationshipScore(row.strength, row.lastContactOn, now)),
  };
}

/** Groups relationships by contact, each group best first. */
function groupKnownBy(rows: readonly RelationshipRow[], now: Date): Map<string, KnownBy[]> {
  const groups = new Map<string, KnownBy[]>();
  for (const row of rows) {
    const entry: KnownBy = { member: { id: row.memberId, name: row.memberName }, ...relationshipFacts(row, now) };
    const group = groups.get(row.contactId);
    if (group) group.push(entry);
    else groups.set(row.contactId, [entry]);
  }
  for (const group of groups.values()) group.sort((a, b) => compareRelationships({ ...a, name: a.member.name }, { ...b, name: b.member.name }));
  return groups;
}

function toIntroPath(path: FoundPath<RelationshipRow>, contactsById: Map<string, ContactSummary>): IntroPath {
  const contactStep = (id: string) => ({ type: 'contact' as const, contact: contactsById.get(id)! });
  const first: PathStep = {
    kind: 'knows',
    to: contactStep(path.relationship.contactId),
    weight: round(path.knowsWeight),
    strength: path.relationship.strength,
    lastContactOn: path.relationship.lastContactOn,
  };
  return {
    from: { id: path.relationship.memberId, name: path.relationship.memberName },
    steps: [first, ...path.steps.map((step) => ({ kind: step.kind, to: contactStep(step.to), weight: round(step.weight) }))],
    score: round(path.score),
  };
}

/** Code-point order: the names compared are already normalised, so no collation is needed. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
