// The app's Home tab: the member's relationships (stale first), their accounts, and quick actions.
import type { App, types } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import { loadMemberOverview, presentOverview } from '../../app/commands/index.js';
import type { Translate } from '../../i18n/index.js';
import { translator } from '../../i18n/index.js';
import { plain } from '../modals/elements.js';
import { button, LIMITS, renderBlocks, type SlackBlock } from '../render/blocks.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import type { RequestScope } from '../session.js';
import { reportFailure, requestLog, scopeOf, type SlackDeps } from '../surface.js';

/** Quick actions: the command each button runs, which opens its form. */
const QUICK_ACTIONS = [
  { labelKey: 'slack.home.logRelationship', line: 'know', primary: true },
  { labelKey: 'slack.home.logInteraction', line: 'log', primary: false },
  { labelKey: 'slack.home.addContact', line: 'contact add', primary: false },
  { labelKey: 'slack.home.logInfluence', line: 'influence', primary: false },
] as const;

function quickActions(t: Translate): SlackBlock {
  const elements = QUICK_ACTIONS.flatMap((action, index) => {
    const built = button('open', index, t(action.labelKey), { value: action.line }, action.primary ? 'primary' : undefined);
    return built ? [built] : [];
  });
  return { type: 'actions', block_id: 'quick-actions', elements };
}

function homeView(t: Translate, name: string | undefined, body: SlackBlock[]): types.HomeView {
  const title = name ? t('slack.home.title', { name }) : t('slack.home.titleWithoutName');
  const top: SlackBlock[] = [
    { type: 'header', text: plain(title, LIMITS.headerText) },
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(t('slack.home.intro')) } },
    quickActions(t),
    { type: 'divider' },
  ];
  const bottom: SlackBlock[] = [{ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t('slack.home.tip')) }] }];
  const room = LIMITS.viewBlocks - top.length - bottom.length;
  return { type: 'home', blocks: [...top, ...body.slice(0, room), ...bottom] };
}

/** Publishes the Home tab of the user in `scope`. */
export async function publishHome(deps: SlackDeps, client: WebClient, scope: RequestScope): Promise<void> {
  const session = await deps.sessions.open(scope);
  const overview = await loadMemberOverview(session.ctx, session.member.id);
  const reply = presentOverview(overview, session.t, session.ctx);
  const view = homeView(session.t, session.member.name, renderBlocks(reply.blocks));
  await client.views.publish({ user_id: scope.userId, view });
}

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    // The Messages and About tabs show nothing of o2o's.
    if (event.tab !== 'home') return;
    const scope = scopeOf(client, context, event.user);
    try {
      await publishHome(deps, client, scope);
    } catch (error) {
      const locale = deps.sessions.knownLocale(scope.organisation, scope.userId);
      const message = reportFailure(deps, error, requestLog(context, event.user, 'home'), locale);
      const t = translator(locale);
      const failed = homeView(t, undefined, [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(message) } }]);
      await client.views.publish({ user_id: event.user, view: failed }).catch((publishError: unknown) => deps.logger.warn({ err: publishError, user: event.user }, 'Slack views.publish failed'));
    }
  });
}
