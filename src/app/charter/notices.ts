// Personal messages the charter sends to members (introduction requests and their answers),
// queued in the outbox in the transaction that decides them, in the member's language.
import { and, eq } from 'drizzle-orm';

import { resolveLocale, translator, type Locale, type Translate } from '../../i18n/index.js';
import { enqueueMessage } from '../../jobs/outbox.js';
import type { Executor } from '../../store/database.js';
import { members, tenants } from '../../store/schema.js';
import type { Reply } from '../reply.js';
import { memberPlatform } from '../update-requests.js';

/**
 * Queues a message to a member in a personal chat, built in their language. Returns false when
 * the member uses no chat platform (such as a member known only to the command line): they see
 * the same thing with the `introductions` command.
 */
export async function queueMemberNotice(
  db: Executor,
  tenantId: string,
  memberId: string,
  dedupeKey: string,
  build: (t: Translate, locale: Locale) => Reply,
  now: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ member: members, tenantLocale: tenants.defaultLocale })
    .from(members)
    .innerJoin(tenants, eq(tenants.id, members.tenantId))
    .where(and(eq(members.tenantId, tenantId), eq(members.id, memberId)));
  const platform = row ? memberPlatform(row.member) : null;
  if (!row || !platform || !row.member.active) return false;
  const locale = resolveLocale(row.member.locale, resolveLocale(row.tenantLocale));
  const reply = build(translator(locale), locale);
  return enqueueMessage(db, { tenantId, dedupeKey, kind: 'notice', platform, target: { memberId }, payload: { parts: [reply] } }, now);
}
