// Digest jobs for the fault runs: subscriptions made due at once, the state of their outbox
// messages, and moving a claim or retry time to now, which stands for waiting it out.
import type postgres from 'postgres';

import { SLACK_TEAM } from './clients.js';
import { pollUntil } from './context.js';
import type { FaultSlack } from './fake-slack.js';

/** Returns the id of the Slack workspace's tenant, created by the first command. */
export async function slackTenantId(sql: postgres.Sql): Promise<string> {
  const [tenant] = await sql<Array<{ id: string }>>`select id from tenants where external_key = ${`slack:${SLACK_TEAM}`}`;
  if (!tenant) throw new Error(`tenant slack:${SLACK_TEAM} does not exist: no Slack command reached the store`);
  return tenant.id;
}

/** Subscribes each channel to a weekly digest of the whole tenant, due a minute ago. */
export async function subscribeDueDigests(sql: postgres.Sql, tenantId: string, channels: string[]): Promise<void> {
  const due = new Date(Date.now() - 60_000);
  const localTime = due.toISOString().slice(11, 16);
  for (const channel of channels) {
    await sql`
      insert into digest_subscriptions (tenant_id, platform, channel_id, scope_type, day_of_week, local_time, time_zone, locale, next_run_at)
      values (${tenantId}, 'slack', ${channel}, 'all', ${due.getUTCDay()}, ${localTime}, 'UTC', 'en', ${due})`;
  }
}

export interface DigestState {
  channel: string;
  runs: number;
  /** Outbox status of the digest message, or null before it is queued. */
  status: string | null;
  /** Parts recorded as delivered. */
  parts: number;
  claimedBy: string | null;
  nextRunAt: Date | null;
}

export async function digestStates(sql: postgres.Sql, channels: string[]): Promise<DigestState[]> {
  const rows = await sql<Array<{ channel: string; runs: string | number; status: string | null; parts: string | number | null; claimed_by: string | null; next_run_at: Date | null }>>`
    select s.channel_id as channel, s.next_run_at,
      (select count(*) from digest_runs r where r.subscription_id = s.id) as runs,
      o.status, o.claimed_by, jsonb_array_length(coalesce(o.result->'refs', '[]'::jsonb)) as parts
    from digest_subscriptions s
    left join outbound_messages o on o.subscription_id = s.id
    where s.channel_id in ${sql(channels)}`;
  return rows.map((row) => ({ channel: row.channel, runs: Number(row.runs), status: row.status, parts: Number(row.parts ?? 0), claimedBy: row.claimed_by, nextRunAt: row.next_run_at }));
}

/**
 * Moves what keeps these digests waiting to now: a subscription postponed after a failed
 * composition, an outbox retry time, and a claim not yet expired (of `workerId` only, if given).
 * Returns how many rows moved.
 */
export async function expireWaits(sql: postgres.Sql, channels: string[], workerId?: string): Promise<number> {
  const subscriptions = await sql`
    update digest_subscriptions s set next_run_at = now()
    where s.channel_id in ${sql(channels)} and s.next_run_at > now() and not exists (select 1 from digest_runs r where r.subscription_id = s.id)`;
  const messages = await sql`
    update outbound_messages o set next_attempt_at = least(o.next_attempt_at, now()), claim_expires_at = case when o.status = 'sending' then now() - interval '1 second' else o.claim_expires_at end
    from digest_subscriptions s
    where o.subscription_id = s.id and s.channel_id in ${sql(channels)} and o.status in ('pending', 'sending')
      and (${workerId ?? null}::text is null or o.claimed_by = ${workerId ?? null})`;
  return subscriptions.count + messages.count;
}

/** Waits until every channel's digest is sent; returns false on timeout. */
export function waitForDigests(sql: postgres.Sql, channels: string[], timeoutMs: number): Promise<boolean> {
  return pollUntil(async () => {
    const states = await digestStates(sql, channels);
    return states.length === channels.length && states.every((state) => state.status === 'sent');
  }, timeoutMs);
}

export interface DeliveryCount {
  channel: string;
  /** Parts the outbox recorded as delivered. */
  expected: number;
  /** Posts accepted by the fake Slack API. */
  posted: number;
  /** Accepted posts with the same text and blocks as another post to the channel. */
  repeated: number;
  runs: number;
}

export async function countDeliveries(sql: postgres.Sql, slack: FaultSlack, channels: string[]): Promise<DeliveryCount[]> {
  const states = await digestStates(sql, channels);
  return channels.map((channel) => {
    const state = states.find((entry) => entry.channel === channel);
    const posts = slack.posts.filter((post) => post.channel === channel);
    const distinct = new Set(posts.map((post) => `${post.text}|${post.blocks}`));
    return { channel, expected: state?.parts ?? 0, posted: posts.length, repeated: posts.length - distinct.size, runs: state?.runs ?? 0 };
  });
}
