// A member's own overview: their relationships, stale ones first, and the accounts they cover.
// Slack shows it on the app's Home tab; any surface can render the reply.
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';

import { formatRelativeDate, type Translate } from '../../i18n/index.js';
import { accounts, contacts, relationships } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import type { Reply, ReplyBlock } from '../reply.js';

/** A relationship with no contact for this many days is stale. */
export const STALE_AFTER_DAYS = 90;

export interface OverviewRelationship {
  contactId: string;
  contact: string;
  title: string | null;
  account: string;
  strength: number;
  lastContactOn: string | null;
  stale: boolean;
}

export interface MemberOverview {
  relationships: OverviewRelationship[];
  totalRelationships: number;
  staleCount: number;
  accounts: Array<{ id: string; name: string; relationships: number }>;
}

type OverviewContext = Pick<AppContext, 'db' | 'tenantId' | 'now'>;

/** Loads a member's relationships with active contacts (stale first) and their accounts by coverage. */
export async function loadMemberOverview(ctx: OverviewContext, memberId: string, limits = { relationships: 15, accounts: 10 }): Promise<MemberOverview> {
  const staleBefore = new Date(ctx.now().getTime() - STALE_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10);
  const mine = and(eq(relationships.tenantId, ctx.tenantId), eq(relationships.memberId, memberId), eq(contacts.status, 'active'));
  const isStale = sql<boolean>`(${relationships.lastContactOn} is null or ${relationships.lastContactOn} < ${staleBefore})`;

  const rows = await ctx.db
    .select({
      contactId: contacts.id,
      contact: sql<string>`coalesce(${contacts.name}, ${contacts.title}, '?')`,
      title: contacts.title,
      account: accounts.name,
      strength: relationships.strength,
      lastContactOn: relationships.lastContactOn,
    })
    .from(relationships)
    .innerJoin(contacts, eq(contacts.id, relationships.contactId))
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(mine)
    .orderBy(sql`${relationships.lastContactOn} asc nulls first`, desc(relationships.strength), asc(contacts.normalizedName))
    .limit(limits.relationships);

  const [totals] = await ctx.db
    .select({ total: count(), stale: sql<number>`count(*) filter (where ${isStale})` })
    .from(relationships)
    .innerJoin(contacts, eq(contacts.id, relationships.contactId))
    .where(mine);

  const covered = await ctx.db
    .select({ id: accounts.id, name: accounts.name, relationships: count() })
    .from(relationships)
    .innerJoin(contacts, eq(contacts.id, relationships.contactId))
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(mine)
    .groupBy(accounts.id, accounts.name)
    .orderBy(desc(count()), asc(accounts.name))
    .limit(limits.accounts);

  return {
    relationships: rows.map((row) => ({ ...row, stale: row.lastContactOn === null || row.lastContactOn < staleBefore })),
    // postgres.js returns counts as strings, PGlite as numbers.
    totalRelationships: Number(totals?.total ?? 0),
    staleCount: Number(totals?.stale ?? 0),
    accounts: covered.map((row) => ({ ...row, relationships: Number(row.relationships) })),
  };
}

/** Presents the overview as a reply: a section of relationships and one of accounts. */
export function presentOverview(overview: MemberOverview, t: Translate, ctx: Pick<AppContext, 'locale' | 'now'>): Reply {
  const blocks: ReplyBlock[] = [{ type: 'heading', text: t('commands.overview.relationships') }];
  if (overview.relationships.length === 0) {
    blocks.push({ type: 'text', text: t('commands.overview.noRelationships') });
  } else {
    if (overview.staleCount > 0) blocks.push({ type: 'context', text: t('commands.overview.staleCount', { count: overview.staleCount, days: STALE_AFTER_DAYS }) });
    blocks.push({ type: 'items', items: overview.relationships.map((row) => relationshipItem(row, t, ctx)) });
    const hidden = overview.totalRelationships - overview.relationships.length;
    if (hidden > 0) blocks.push({ type: 'context', text: t('commands.overview.more', { count: hidden }) });
  }

  blocks.push({ type: 'divider' }, { type: 'heading', text: t('commands.overview.accounts') });
  if (overview.accounts.length === 0) blocks.push({ type: 'text', text: t('commands.overview.noAccounts') });
  else {
    const items = overview.accounts.map((account) => ({ title: account.name, subtitle: t('count.relationships', { count: account.relationships }) }));
    blocks.push({ type: 'items', items });
  }
  const text = t('commands.overview.summary', { count: overview.totalRelationships, stale: overview.staleCount });
  return { text, blocks };
}

function relationshipItem(row: OverviewRelationship, t: Translate, ctx: Pick<AppContext, 'locale' | 'now'>) {
  const last = row.lastContactOn ? formatRelativeDate(row.lastContactOn, ctx.locale, ctx.now()) : t('never');
  const lines = [t('commands.overview.relationshipLine', { strength: row.strength, strengthLabel: t(`strength.${row.strength}`), last })];
  if (row.stale) lines.push(t('commands.overview.stale'));
  return { title: row.contact, subtitle: row.title ? `${row.title}, ${row.account}` : row.account, lines };
}
