// Installation events: the bot added to a personal chat, a team or a group chat (its conversation
// reference is stored and a welcome sent), or removed from one (the reference is deleted).
import type { TurnContext } from 'botbuilder';
import { eq } from 'drizzle-orm';

import { RUN_ACTION } from '../../app/commands/index.js';
import type { Reply } from '../../app/reply.js';
import type { Translate } from '../../i18n/index.js';
import { tenants } from '../../store/schema.js';
import { baseConversationId, channelDataOf, includesBot, scopeOf, tenantIdOf } from '../activity.js';
import { removeConversation, removeTeamConversations, saveConversation } from '../conversations.js';
import { sendReply } from '../send.js';
import { resolveTurn, teamsTenantKey, type TeamsDependencies } from '../turn.js';
import { logFailure } from './failures.js';

export function welcomeReply(t: Translate, personal: boolean): Reply {
  const text = t(personal ? 'teams.welcome.personal' : 'teams.welcome.shared');
  return {
    text,
    blocks: [
      { type: 'heading', text: t('teams.welcome.title') },
      { type: 'text', text },
      { type: 'context', text: t('teams.welcome.privacy') },
      { type: 'actions', actions: [{ id: RUN_ACTION, label: t('teams.welcome.help'), value: 'help' }] },
    ],
  };
}

/** Records an install: stores the reference, then sends the welcome. A failed welcome is only logged. */
async function recordInstall(context: TurnContext, deps: TeamsDependencies, welcome: boolean): Promise<void> {
  const scope = scopeOf(context.activity);
  const logger = deps.logger.child({ entraTenant: tenantIdOf(context.activity) ?? null, scope });
  try {
    const turn = await resolveTurn(context, deps);
    const memberId = scope === 'personal' ? (turn.member?.id ?? null) : null;
    await saveConversation(deps.db, turn.tenant.id, context.activity, memberId);
    deps.conversations.remember(turn.tenant.id, context.activity, memberId);
    turn.logger.info({ scope, team: channelDataOf(context.activity).team?.id ?? null }, 'Teams app installed');
    if (welcome) await sendReply(context, welcomeReply(turn.t, scope === 'personal'), turn.t);
  } catch (error) {
    logFailure(logger, error, { command: 'install' });
  }
}

/** Records an uninstall: deletes the conversation's reference, or those of every channel of a team. */
async function recordUninstall(context: TurnContext, deps: TeamsDependencies): Promise<void> {
  const entraTenantId = tenantIdOf(context.activity);
  const logger = deps.logger.child({ entraTenant: entraTenantId ?? null, scope: scopeOf(context.activity) });
  try {
    const key = entraTenantId ? teamsTenantKey(entraTenantId) : deps.localTenantKey;
    const [tenant] = key ? await deps.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.externalKey, key)).limit(1) : [];
    if (!tenant) return;
    const teamId = channelDataOf(context.activity).team?.id;
    const conversationId = baseConversationId(context.activity.conversation.id);
    const removed = teamId ? await removeTeamConversations(deps.db, tenant.id, teamId) : await removeConversation(deps.db, tenant.id, conversationId);
    if (teamId) deps.conversations.forgetTenant(tenant.id);
    else deps.conversations.forget(tenant.id, conversationId);
    logger.info({ tenant: tenant.id, team: teamId ?? null, removed }, 'Teams app uninstalled: conversation references deleted');
  } catch (error) {
    logFailure(logger, error, { command: 'uninstall' });
  }
}

export async function onMembersAdded(context: TurnContext, deps: TeamsDependencies): Promise<void> {
  if (includesBot(context.activity.membersAdded, context.activity)) await recordInstall(context, deps, true);
}

export async function onMembersRemoved(context: TurnContext, deps: TeamsDependencies): Promise<void> {
  if (includesBot(context.activity.membersRemoved, context.activity)) await recordUninstall(context, deps);
}

/** installationUpdate: "add" and "add-upgrade" keep the reference, "remove" deletes it. */
export async function onInstallationUpdate(context: TurnContext, deps: TeamsDependencies): Promise<void> {
  const action = context.activity.action ?? '';
  if (action.startsWith('add')) await recordInstall(context, deps, false);
  else if (action === 'remove') await recordUninstall(context, deps);
}
