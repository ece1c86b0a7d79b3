// The environment a command runs in, given by the surface it came from: the use-case context,
// the user's language, and how that platform's user mentions map to people.
import type { Translate } from '../../i18n/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/** A platform user's public profile, as far as the platform shares it. */
export interface UserProfile {
  name: string;
  email?: string;
  /** True for a guest from another organisation (a Slack Connect user), who may be a customer contact. */
  external?: boolean;
}

export interface CommandEnvironment {
  ctx: AppContext;
  t: Translate;
  /** Returns the member a mentioned platform user is, registering them on first use. */
  memberForUser(userId: string): Promise<{ id: string; name: string; email: string | null }>;
  /** Returns the profile of a mentioned platform user, or null when the platform has none. */
  profileOfUser(userId: string): Promise<UserProfile | null>;
  /** The conversation the command came from; digest subscriptions need a channel. */
  conversation?: { platform: 'slack' | 'teams'; channelId: string; personal: boolean };
}

/** Builds an environment for surfaces without mentions, such as the CLI. */
export function environmentWithoutMentions(ctx: AppContext, t: Translate): CommandEnvironment {
  const unsupported = () => Promise.reject(new AppError('invalid_input', 'commands.errors.mentionUnsupported'));
  return { ctx, t, memberForUser: unsupported, profileOfUser: unsupported };
}
