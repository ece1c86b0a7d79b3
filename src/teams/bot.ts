// The Teams bot: a Teams AI `Application` on the CloudAdapter, with one registration per feature.
import { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';

import type { Runtime } from '../app/runtime.js';
import { TimedCache } from '../app/timed-cache.js';
import type { Member, Tenant } from '../store/schema.js';
import type { BotAdapter } from './adapter.js';
import { ConversationCache } from './conversations.js';
import { onFetchTask, onSubmitAction } from './handlers/extensions.js';
import { onInstallationUpdate, onMembersAdded, onMembersRemoved } from './handlers/installation.js';
import { onCardAction, onFormSubmit, onMessage, onOutreachSubmit, submissionKind, type SubmissionKind } from './handlers/messages.js';
import { logFailure } from './handlers/failures.js';
import { createProactiveSender, type SendProactiveCard } from './proactive.js';
import type { TeamsDependencies } from './turn.js';

export interface TeamsBot {
  application: Application<TeamsTurnState>;
  adapter: BotAdapter;
  sendProactiveCard: SendProactiveCard;
}

export interface TeamsBotOptions {
  adapter: BotAdapter;
  /** The Microsoft app id; empty in local mode. */
  botAppId: string;
  runtime: Runtime;
  localMode: boolean;
  now?: () => Date;
}

const ANY_COMMAND = /.*/;

/**
 * Turn state whose keys tolerate missing ids. Teams sends some activities (message-extension
 * invokes among them) without the channel or recipient ids that the library's default keys need.
 * With no storage configured, the keys only name in-memory scopes, and o2o keeps nothing there.
 */
class TeamsTurnState extends TurnState {
  protected override onComputeStorageKeys(context: TurnContext): Promise<Record<string, string>> {
    const activity = context.activity;
    const prefix = `${activity.channelId || 'msteams'}/${activity.recipient?.id || 'bot'}`;
    return Promise.resolve({
      conversation: `${prefix}/conversations/${activity.conversation?.id || 'none'}`,
      user: `${prefix}/users/${activity.from?.id || 'none'}`,
    });
  }
}

/** Builds the bot and registers its routes; the first route that matches an activity handles it. */
export function createTeamsBot(options: TeamsBotOptions): TeamsBot {
  const { adapter, runtime } = options;
  const deps: TeamsDependencies = {
    db: runtime.store.db,
    logger: runtime.logger.child({ platform: 'teams' }),
    defaultLocale: runtime.env.DEFAULT_LOCALE,
    ...(options.localMode && { localTenantKey: runtime.env.O2O_TENANT }),
    now: options.now ?? (() => new Date()),
    conversations: new ConversationCache(),
    configuredAdmins: runtime.env.O2O_ADMINS,
    cache: { tenants: new TimedCache<Tenant>(), members: new TimedCache<Member>() },
    ...(runtime.env.O2O_PUBLIC_URL && { publicUrl: runtime.env.O2O_PUBLIC_URL }),
  };

  // Mentions are removed by the command reader (it keeps other users' mentions), and the typing
  // indicator is off: its timer is shared by every turn of an Application.
  const application = new Application<TeamsTurnState>({
    adapter,
    botAppId: options.botAppId,
    removeRecipientMention: false,
    startTypingTimer: false,
    turnStateFactory: () => new TeamsTurnState(),
  });

  application.conversationUpdate('membersAdded', (context) => onMembersAdded(context, deps));
  application.conversationUpdate('membersRemoved', (context) => onMembersRemoved(context, deps));
  application.activity('installationUpdate', (context) => onInstallationUpdate(context, deps));

  application.messageExtensions.fetchTask(ANY_COMMAND, (context) => onFetchTask(context, deps));
  application.messageExtensions.submitAction(ANY_COMMAND, (context, _state, data) => onSubmitAction(context, deps, data) as never);

  const isSubmission = (kind: SubmissionKind) => async (context: TurnContext) => submissionKind(context) === kind;
  application.activity(isSubmission('form'), (context) => onFormSubmit(context, deps));
  application.activity(isSubmission('outreach'), (context) => onOutreachSubmit(context, deps));
  application.activity(isSubmission('action'), (context) => onCardAction(context, deps));
  application.activity('message', (context) => onMessage(context, deps));

  // Reached only by an error no handler caught, because each handler replies to the user itself.
  application.error(async (context, error) => {
    logFailure(deps.logger, error, { command: context.activity.type });
  });

  const sendProactiveCard = createProactiveSender({ adapter, botAppId: options.botAppId, db: deps.db, logger: deps.logger });
  return { application, adapter, sendProactiveCard };
}
