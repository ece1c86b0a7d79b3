// The command environment of a Teams turn: the use-case context and Teams users as members.
import type { TurnContext } from 'botbuilder';

import type { CommandEnvironment } from '../../app/commands/index.js';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { baseConversationId, scopeOf } from '../activity.js';
import { registerTeamsUser, type TeamsTurn } from '../turn.js';
import { aadObjectIdOf, fetchProfile, type MentionDirectory, type TeamsProfile } from './mentions.js';

/**
 * Builds the environment. A mentioned user is looked up in this turn's mentions, else asked of
 * Teams (a button pressed later carries the id but not the profile).
 */
export function createTeamsEnvironment(context: TurnContext, turn: TeamsTurn, directory: MentionDirectory, ctx: AppContext = turn.app): CommandEnvironment {
  const profileOf = async (userId: string): Promise<TeamsProfile | null> => {
    const known = directory.get(userId);
    if (known) return known;
    const aadObjectId = aadObjectIdOf(userId);
    if (!aadObjectId) return null;
    const fetched = await fetchProfile(context, aadObjectId, turn.logger);
    if (fetched) directory.add(fetched);
    return fetched;
  };

  const activity = context.activity;
  return {
    ctx,
    t: turn.t,
    conversation: { platform: 'teams', channelId: baseConversationId(activity.conversation.id), personal: scopeOf(activity) === 'personal' },
    async memberForUser(userId) {
      const aadObjectId = aadObjectIdOf(userId);
      if (!aadObjectId) throw new AppError('not_found', 'commands.errors.unknownUser', { user: userId });
      const profile = await profileOf(userId);
      const member = await registerTeamsUser(turn.app, { aadObjectId, name: profile?.name, email: profile?.email });
      return { id: member.id, name: member.name, email: member.email };
    },
    async profileOfUser(userId) {
      const profile = await profileOf(userId);
      if (!profile) return null;
      return { name: profile.name, ...(profile.email && { email: profile.email }), ...(profile.external !== undefined && { external: profile.external }) };
    },
  };
}
