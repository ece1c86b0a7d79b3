// Drizzle schema of the o2o store. Every row belongs to one tenant: the seller organisation,
// later one Slack workspace or Enterprise Grid organisation, or one Microsoft Entra tenant.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const tenants = pgTable('tenants', {
  id: id(),
  // Stable key of the platform organisation: "local:default", "slack:T…", "slack-org:E…", "teams:<guid>".
  externalKey: text('external_key').notNull().unique(),
  name: text('name').notNull(),
  defaultLocale: text('default_locale').notNull().default('en'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
});

export const members = pgTable(
  'members',
  {
    id: id(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    normalizedName: text('normalized_name').notNull(),
    email: text('email'),
    role: text('role'),
    locale: text('locale'),
    timeZone: text('time_zone'),
    slackUserId: text('slack_user_id'),
    teamsAadObjectId: text('teams_aad_object_id'),
    active: boolean('active').notNull().default(true),
    isAdmin: boolean('is_admin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('members_tenant_email_uq').on(t.tenantId, sql`lower(${t.email})`).where(sql`${t.email} is not null`),
    uniqueIndex('members_tenant_slack_uq').on(t.tenantId, t.slackUserId).where(sql`${t.slackUserId} is not null`),
    uniqueIndex('members_tenant_teams_uq')
      .on(t.tenantId, t.teamsAadObjectId)
      .where(sql`${t.teamsAadObjectId} is not null`),
    index('members_name_trgm').using('gin', sql`${t.normalizedName} gin_trgm_ops`),
    // The few inactive members of a tenant, whose relationships read queries leave out.
    index('members_inactive_idx').on(t.tenantId).where(sql`not ${t.active}`),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    normalizedName: text('normalized_name').notNull(),
    domains: text('domains').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_tenant_name_uq').on(t.tenantId, t.normalizedName),
    index('accounts_name_trgm').using('gin', sql`${t.normalizedName} gin_trgm_ops`),
  ],
);

// Other names an account goes by ("SocGen" for "Société Générale"). An alias may not equal the
// normalised name of another account; the use case checks that, the index keeps aliases unique.
export const accountAliases = pgTable(
  'account_aliases',
  {
    id: id(),
    tenantId: tenantId(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    normalizedAlias: text('normalized_alias').notNull(),
  },
  (t) => [
    uniqueIndex('account_aliases_tenant_alias_uq').on(t.tenantId, t.normalizedAlias),
    index('account_aliases_trgm').using('gin', sql`${t.normalizedAlias} gin_trgm_ops`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    tenantId: tenantId(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    // Null when the name is not known (an organogram's "N/D"): the title then labels the person.
    name: text('name'),
    // Normalised name, or normalised title when the name is unknown: what lookups search.
    normalizedName: text('normalized_name').notNull(),
    title: text('title'),
    department: text('department'),
    unit: text('unit'),
    email: text('email'),
    phone: text('phone'),
    profileUrl: text('profile_url'),
    seniority: text('seniority'),
    status: text('status', { enum: ['active', 'left'] }).notNull().default('active'),
    leftOn: date('left_on'),
    source: text('source').notNull().default('manual'),
    // Identifier of the record in the system it was imported from (a CRM id, an organogram post).
    externalRef: text('external_ref'),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contacts_account_idx').on(t.tenantId, t.accountId),
    // Covers "who knows whom at an account": the account's contacts, their ranking inputs and
    // sort name come from the index alone.
    index('contacts_account_cover_idx').on(t.tenantId, t.accountId, t.status, t.id, t.title, t.seniority, t.normalizedName),
    uniqueIndex('contacts_tenant_email_uq').on(t.tenantId, sql`lower(${t.email})`).where(sql`${t.email} is not null`),
    uniqueIndex('contacts_account_ref_uq')
      .on(t.tenantId, t.accountId, t.externalRef)
      .where(sql`${t.externalRef} is not null`),
    index('contacts_account_name_idx').on(t.tenantId, t.accountId, t.normalizedName),
    // Exact-name lookups across a tenant, tried before the slower fuzzy search.
    index('contacts_tenant_name_idx').on(t.tenantId, t.normalizedName),
    index('contacts_name_trgm').using('gin', sql`${t.normalizedName} gin_trgm_ops`),
  ],
);

// Formal reporting lines. A reorganisation closes the old line (valid_to) and opens a new one,
// so the history stays; the current structure is the lines whose valid_to is null.
export const reportingLines = pgTable(
  'reporting_lines',
  {
    id: id(),
    tenantId: tenantId(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    managerId: uuid('manager_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    // The contact's account, copied by the trigger o2o_copy_contact_account on an insert that
    // leaves it unset and on every update of contact_id or account_id, and kept current when a
    // contact moves. Only the import sets it, for contacts it has just created.
    accountId: uuid('account_id'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    source: text('source').notNull().default('manual'),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reporting_lines_current_uq').on(t.tenantId, t.contactId).where(sql`${t.validTo} is null`),
    index('reporting_lines_manager_idx').on(t.tenantId, t.managerId),
    index('reporting_lines_account_current_idx')
      .on(t.tenantId, t.accountId, t.contactId, t.managerId)
      .where(sql`${t.validTo} is null`),
    check('reporting_lines_not_self', sql`${t.contactId} <> ${t.managerId}`),
  ],
);

// Informal influence: "from" influences "to". Weight runs from 0 (barely) to 1 (decisive).
export const influenceLinks = pgTable(
  'influence_links',
  {
    id: id(),
    tenantId: tenantId(),
    fromContactId: uuid('from_contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    toContactId: uuid('to_contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    // The account of the "from" contact, copied by the trigger o2o_copy_influence_account on an
    // insert that leaves it unset and on every update of from_contact_id or account_id, and kept
    // current when that contact moves. Writers leave it unset.
    accountId: uuid('account_id'),
    weight: real('weight').notNull().default(0.5),
    kind: text('kind').notNull().default('informal'),
    note: text('note'),
    source: text('source').notNull().default('manual'),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('influence_links_pair_uq').on(t.tenantId, t.fromContactId, t.toContactId, t.kind),
    index('influence_links_to_idx').on(t.tenantId, t.toContactId),
    index('influence_links_account_idx').on(t.tenantId, t.accountId, t.fromContactId, t.weight),
    check('influence_links_weight', sql`${t.weight} >= 0 and ${t.weight} <= 1`),
    check('influence_links_not_self', sql`${t.fromContactId} <> ${t.toContactId}`),
  ],
);

export const relationships = pgTable(
  'relationships',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    // The contact's account, copied by the trigger o2o_copy_contact_account on an insert that
    // leaves it unset and on every update of contact_id or account_id, and kept current when a
    // contact moves. Only the import sets it, for contacts it has just created.
    accountId: uuid('account_id'),
    // 1 met once, 2 acquainted, 3 working relationship, 4 strong, 5 trusted (takes my call today).
    strength: smallint('strength').notNull(),
    kind: text('kind').notNull().default('work'),
    lastContactOn: date('last_contact_on'),
    source: text('source', { enum: ['self', 'colleague', 'import'] }).notNull().default('self'),
    assertedBy: uuid('asserted_by').references(() => members.id, { onDelete: 'set null' }),
    visibility: text('visibility', { enum: ['private', 'deal_team', 'tenant'] }).notNull().default('tenant'),
    note: text('note'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('relationships_member_contact_uq').on(t.tenantId, t.memberId, t.contactId),
    index('relationships_contact_idx').on(t.tenantId, t.contactId),
    // Covers the visibility check over all relationships at one account.
    index('relationships_account_idx').on(t.tenantId, t.accountId, t.contactId, t.memberId, t.visibility),
    check('relationships_strength', sql`${t.strength} between 1 and 5`),
  ],
);

// One row per changed field of a relationship: who changed it, when, from what to what.
export const relationshipHistory = pgTable(
  'relationship_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: tenantId(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    changedBy: uuid('changed_by').references(() => members.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('relationship_history_rel_idx').on(t.relationshipId, t.changedAt)],
);

export const interactions = pgTable(
  'interactions',
  {
    id: id(),
    tenantId: tenantId(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    occurredOn: date('occurred_on').notNull(),
    channel: text('channel').notNull().default('meeting'),
    note: text('note'),
    messageLink: text('message_link'),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('interactions_tenant_date_idx').on(t.tenantId, t.occurredOn)],
);

export const interactionMembers = pgTable(
  'interaction_members',
  {
    interactionId: uuid('interaction_id')
      .notNull()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.interactionId, t.memberId] }), index('interaction_members_member_idx').on(t.memberId)],
);

export const interactionContacts = pgTable(
  'interaction_contacts',
  {
    interactionId: uuid('interaction_id')
      .notNull()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.interactionId, t.contactId] }),
    index('interaction_contacts_contact_idx').on(t.contactId),
  ],
);

export const deals = pgTable(
  'deals',
  {
    id: id(),
    tenantId: tenantId(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    normalizedName: text('normalized_name').notNull(),
    stage: text('stage').notNull(),
    buyingStage: text('buying_stage'),
    status: text('status', { enum: ['open', 'won', 'lost'] }).notNull().default('open'),
    expectedCloseOn: date('expected_close_on'),
    amount: numeric('amount', { precision: 14, scale: 2 }),
    currency: text('currency'),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('deals_account_name_uq').on(t.tenantId, t.accountId, t.normalizedName),
    index('deals_tenant_status_idx').on(t.tenantId, t.status),
  ],
);

export const dealTeamMembers = pgTable(
  'deal_team_members',
  {
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    role: text('role').notNull().default('other'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.memberId] }), index('deal_team_members_member_idx').on(t.memberId)],
);

export const buyingCommitteeMembers = pgTable(
  'buying_committee_members',
  {
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    attitude: text('attitude').notNull().default('neutral'),
    influence: text('influence', { enum: ['high', 'medium', 'low'] }).notNull().default('medium'),
    motivations: text('motivations'),
    motivationTags: text('motivation_tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.dealId, t.contactId] }),
    index('buying_committee_contact_idx').on(t.contactId),
  ],
);

// Outreach assigned from coverage recommendations: one member is to reach one contact for a
// deal. At most one open assignment per deal and contact; a new one for the same pair replaces it.
export const outreachAssignments = pgTable(
  'outreach_assignments',
  {
    id: id(),
    tenantId: tenantId(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    // Who introduces the member, when the recommended path goes through a colleague or a contact.
    viaMemberId: uuid('via_member_id').references(() => members.id, { onDelete: 'set null' }),
    viaContactId: uuid('via_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['open', 'done', 'dropped'] }).notNull().default('open'),
    outcome: text('outcome', { enum: ['reached', 'no_response', 'declined'] }),
    note: text('note'),
    assignedBy: uuid('assigned_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('outreach_assignments_open_uq').on(t.dealId, t.contactId).where(sql`${t.status} = 'open'`),
    index('outreach_assignments_member_idx').on(t.tenantId, t.memberId, t.status),
  ],
);

export const digestSubscriptions = pgTable(
  'digest_subscriptions',
  {
    id: id(),
    tenantId: tenantId(),
    platform: text('platform', { enum: ['slack', 'teams'] }).notNull(),
    channelId: text('channel_id').notNull(),
    scopeType: text('scope_type', { enum: ['all', 'account', 'deal'] }).notNull().default('all'),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    dealId: uuid('deal_id').references(() => deals.id, { onDelete: 'cascade' }),
    // Day of week (0 Sunday … 6 Saturday) and local time of the weekly run, in time_zone.
    dayOfWeek: smallint('day_of_week').notNull().default(1),
    localTime: text('local_time').notNull().default('09:00'),
    timeZone: text('time_zone').notNull().default('UTC'),
    locale: text('locale').notNull().default('en'),
    paused: boolean('paused').notNull().default(false),
    pausedReason: text('paused_reason'),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('digest_subscriptions_due_idx').on(t.nextRunAt).where(sql`not ${t.paused}`),
    index('digest_subscriptions_channel_idx').on(t.tenantId, t.platform, t.channelId),
  ],
);

export const updateRequests = pgTable(
  'update_requests',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    relationshipId: uuid('relationship_id').references(() => relationships.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'answered', 'snoozed', 'expired', 'failed'] })
      .notNull()
      .default('pending'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answer: text('answer'),
    messageRef: jsonb('message_ref').$type<Record<string, unknown>>(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('update_requests_due_idx').on(t.status, t.dueAt),
    index('update_requests_member_idx').on(t.tenantId, t.memberId, t.createdAt),
  ],
);

// Audit rows outlive what they refer to: no foreign keys, and no personal fields in details.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorMemberId: uuid('actor_member_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_tenant_at_idx').on(t.tenantId, t.at), index('audit_log_target_idx').on(t.targetType, t.targetId)],
);

export type Tenant = typeof tenants.$inferSelect;
export type Member = typeof members.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
export type Relationship = typeof relationships.$inferSelect;
export type ReportingLine = typeof reportingLines.$inferSelect;
export type InfluenceLink = typeof influenceLinks.$inferSelect;

// Slack installations, one per workspace or per Enterprise Grid organisation (org-wide install).
// Uninstalling deletes the row; the tenant's data stays until an admin erases it.
export const slackInstallations = pgTable(
  'slack_installations',
  {
    id: id(),
    tenantId: tenantId(),
    teamId: text('team_id'),
    enterpriseId: text('enterprise_id'),
    isEnterpriseInstall: boolean('is_enterprise_install').notNull().default(false),
    botUserId: text('bot_user_id'),
    botToken: text('bot_token'),
    userId: text('user_id'),
    /** The installation object as Bolt's installer returns it. */
    installation: jsonb('installation').$type<Record<string, unknown>>().notNull(),
    installedAt: timestamp('installed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('slack_installations_key_uq').on(sql`coalesce(${t.enterpriseId}, '')`, sql`coalesce(${t.teamId}, '')`),
    index('slack_installations_tenant_idx').on(t.tenantId),
  ],
);

// Conversation references for proactive messages in Teams: one per personal chat, team channel
// or group chat the bot is installed in, kept current on every activity.
export const teamsConversations = pgTable(
  'teams_conversations',
  {
    id: id(),
    tenantId: tenantId(),
    conversationId: text('conversation_id').notNull(),
    conversationType: text('conversation_type').notNull(),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    teamId: text('team_id'),
    channelId: text('channel_id'),
    serviceUrl: text('service_url').notNull(),
    /** The botbuilder ConversationReference, as TurnContext.getConversationReference returns it. */
    reference: jsonb('reference').$type<Record<string, unknown>>().notNull(),
    updatedAt: updatedAt(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('teams_conversations_conversation_uq').on(t.tenantId, t.conversationId),
    index('teams_conversations_member_idx').on(t.tenantId, t.memberId),
  ],
);

// Platform deliveries already handled (Slack event ids, Teams activity ids), so a retried
// delivery is processed once.
export const processedDeliveries = pgTable(
  'processed_deliveries',
  {
    platform: text('platform').notNull(),
    deliveryId: text('delivery_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.deliveryId] }), index('processed_deliveries_received_idx').on(t.receivedAt)],
);

// Periodic jobs of the in-process scheduler, one row per job and tenant. A replica claims a due
// run by moving next_run_at past now in the statement that reads it, so each run starts once.
export const jobSchedules = pgTable(
  'job_schedules',
  {
    job: text('job').notNull(),
    tenantId: tenantId(),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastRunBy: text('last_run_by'),
    lastError: text('last_error'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.job, t.tenantId] }), index('job_schedules_due_idx').on(t.nextRunAt)],
);

// One row per digest run, holding the coverage snapshot that the next run compares with.
export const digestRuns = pgTable(
  'digest_runs',
  {
    id: id(),
    tenantId: tenantId(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => digestSubscriptions.id, { onDelete: 'cascade' }),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }).notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('digest_runs_slot_uq').on(t.subscriptionId, t.scheduledFor),
    index('digest_runs_subscription_idx').on(t.subscriptionId, t.createdAt),
  ],
);

// Outbox of proactive messages (digests, update requests). The unique key queues each message
// once; a sender claims a row for a limited time, so two replicas never send the same row.
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: id(),
    tenantId: tenantId(),
    dedupeKey: text('dedupe_key').notNull(),
    kind: text('kind', { enum: ['digest', 'update_requests', 'notice'] }).notNull(),
    platform: text('platform', { enum: ['slack', 'teams'] }).notNull(),
    /** Destination: { channelId } for a channel, { memberId } for a personal chat. */
    target: jsonb('target').$type<Record<string, unknown>>().notNull(),
    /** Reply parts sent in order (digests), or the ids the message is built from at send time. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    subscriptionId: uuid('subscription_id').references(() => digestSubscriptions.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'cancelled'] }).notNull().default('pending'),
    /** Parts already delivered, so a retry resumes after them instead of repeating them. */
    partsSent: integer('parts_sent').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    claimedBy: text('claimed_by'),
    claimExpiresAt: timestamp('claim_expires_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** Platform references of the delivered messages (Slack channel and ts, Teams activity ids). */
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('outbound_messages_key_uq').on(t.tenantId, t.dedupeKey),
    index('outbound_messages_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
  ],
);

// Acceptances of the relationship charter, one row per member and charter version accepted
// ("2.3": text version 2, third revision of the tenant's charter settings).
export const charterAcceptances = pgTable(
  'charter_acceptances',
  {
    tenantId: tenantId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    /** Language the member read the charter in. */
    locale: text('locale').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.memberId, t.version] }), index('charter_acceptances_version_idx').on(t.tenantId, t.version)],
);

// Members who opted out of sharing: while the row exists, their relationships are theirs alone.
export const charterOptOuts = pgTable(
  'charter_opt_outs',
  {
    tenantId: tenantId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.memberId] })],
);

// Requests for an introduction to a person whom the requester may only know that someone of ours
// knows. One row per owner asked; the rows of one request share a group id. The requester never
// learns who declined.
export const introductionRequests = pgTable(
  'introduction_requests',
  {
    id: id(),
    tenantId: tenantId(),
    groupId: uuid('group_id').notNull(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['pending', 'accepted', 'declined', 'closed'] }).notNull().default('pending'),
    createdAt: createdAt(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('introduction_requests_pending_uq').on(t.tenantId, t.requesterId, t.contactId, t.ownerId).where(sql`${t.status} = 'pending'`),
    index('introduction_requests_owner_idx').on(t.tenantId, t.ownerId, t.status),
    index('introduction_requests_group_idx').on(t.groupId),
  ],
);

// PNG bytes as a Buffer with both drivers: postgres.js reads bytea as a Buffer, PGlite as a Uint8Array.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

// Pictures that Teams cards link to by URL, such as power maps too large to send inside a message.
// The random id in the link is the only access check, so ids are unguessable and rows expire.
export const pictures = pgTable(
  'pictures',
  {
    /** 144 random bits in base64url (24 characters). */
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    png: bytea('png').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pictures_expires_idx').on(t.expiresAt), index('pictures_tenant_idx').on(t.tenantId)],
);
