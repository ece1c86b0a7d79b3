// Teams mentions in command lines. The shared grammar reads a mention as `<@USERID|label>` with
// a Slack-style id. A mentioned Teams user is therefore written as "U" and the 32 hexadecimal
// digits of their Microsoft Entra object id, which survives in button values and reads back the same.
import { TeamsInfo, type TurnContext } from 'botbuilder';

import type { UserProfile } from '../../app/commands/index.js';
import type { Logger } from '../../config/logger.js';
import { commandTextOf, mentionedUsers, tenantIdOf, type MentionedUser } from '../activity.js';

export interface TeamsProfile extends UserProfile {
  aadObjectId: string;
}

const GUID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i;

/** Returns the grammar's user id of a Teams user. */
export function mentionUserId(aadObjectId: string): string {
  return `U${aadObjectId.replace(/-/g, '').toUpperCase()}`;
}

/** Returns the Entra object id of a user id written by {@link mentionUserId}, if it is one. */
export function aadObjectIdOf(userId: string): string | undefined {
  const match = /^U([0-9A-F]{32})$/.exec(userId);
  const parts = match ? GUID.exec(match[1]!) : null;
  return parts ? parts.slice(1).join('-').toLowerCase() : undefined;
}

/** Reads a Teams member's profile from the Bot Connector; null when Teams does not share it. */
export async function fetchProfile(context: TurnContext, userId: string, logger: Logger): Promise<TeamsProfile | null> {
  try {
    const member = await TeamsInfo.getMember(context, userId);
    if (!member.aadObjectId) return null;
    const activityTenant = tenantIdOf(context.activity);
    const email = member.email || undefined;
    return {
      aadObjectId: member.aadObjectId.toLowerCase(),
      name: member.name || member.givenName || member.aadObjectId,
      ...(email && { email }),
      external: Boolean(member.tenantId && activityTenant && member.tenantId !== activityTenant),
    };
  } catch (error) {
    logger.warn({ err: error }, 'Teams did not return the profile of a mentioned user');
    return null;
  }
}

/** Profiles of the users mentioned in one turn, by grammar user id. */
export class MentionDirectory {
  private readonly profiles = new Map<string, TeamsProfile>();

  get(userId: string): TeamsProfile | undefined {
    return this.profiles.get(userId);
  }

  add(profile: TeamsProfile): string {
    const userId = mentionUserId(profile.aadObjectId);
    this.profiles.set(userId, profile);
    return userId;
  }
}

/**
 * Returns the command line of a message, with each mentioned user (other than the bot) written as a
 * grammar mention. A user whose Entra id Teams does not give is written as their name.
 */
export async function readCommandLine(context: TurnContext, directory: MentionDirectory, logger: Logger): Promise<string> {
  const users = mentionedUsers(context.activity);
  const tokens = new Map<string, string>();
  for (const user of users) {
    const profile = await profileOfMention(context, user, logger);
    if (profile) tokens.set(user.id, `<@${directory.add(profile)}|${safeLabel(profile.name)}>`);
  }
  return commandTextOf(context.activity, (user) => tokens.get(user.id) ?? user.name);
}

async function profileOfMention(context: TurnContext, user: MentionedUser, logger: Logger): Promise<TeamsProfile | null> {
  const fetched = await fetchProfile(context, user.id, logger);
  if (fetched) return fetched;
  if (!user.aadObjectId || !GUID.test(user.aadObjectId)) return null;
  return { aadObjectId: user.aadObjectId.toLowerCase(), name: user.name, external: false };
}

// The grammar ends a mention's label at ">" and splits it at "|".
function safeLabel(name: string): string {
  return name.replace(/[<>|]/g, ' ').trim();
}
