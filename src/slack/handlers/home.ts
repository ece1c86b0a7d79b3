// The app's Home tab: the member's relationships (stale first), their accounts, quick actions,
// and the charter view, where the member accepts the charter, opts out and changes visibility.
import type { App, types } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import { loadCharterView, pageStart } from '../../app/charter/view.js';
import { loadMemberOverview, presentOverview } from '../../app/commands/index.js';
import { presentCharterView } from '../../app/present/charter.js';
import type { Reply } from '../../app/reply.js';
import type { Translate } from '../../i18n/index.js';
import { translator } from '../../i18n/index.js';
import { plain } from '../modals/elements.js';
import { button, LIMITS, renderBlocks, type SlackBlock } from '../render/blocks.js';
import { renderCharterView, renderNotice } from '../render/charter-view.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import type { RequestScope } from '../session.js';
import { reportFailure, requestLog, scopeOf, type RequestLog, type SlackDeps } from '../surface.js';
import { registerCharterHome } from './charter-home.js';

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

interface HomeParts {
  /** The overview's blocks, cut at the end when the Home tab has no room left for them. */
  body: SlackBlock[];
  /** The charter view's blocks, always shown in full after the body. */
  charterBlocks?: SlackBlock[];
  notice?: Reply | undefined;
  /** The row offset of the charter view's relationships, kept in the view for its buttons. */
  charterOffset?: number;
}

function homeView(t: Translate, name: string | undefined, parts: HomeParts): types.HomeView {
  const title = name ? t('slack.home.title', { name }) : t('slack.home.titleWithoutName');
  const top: SlackBlock[] = [
    { type: 'header', text: plain(title, LIMITS.headerText) },
    ...(parts.notice ? [renderNotice(parts.notice)] : []),
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(t('slack.home.intro')) } },
    quickActions(t),
    { type: 'divider' },
  ];
  const charterBlocks = parts.charterBlocks ?? [];
  const bottom: SlackBlock[] = [{ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t('slack.home.tip')) }] }];
  const room = LIMITS.viewBlocks - top.length - charterBlocks.length - bottom.length;
  const metadata = parts.charterOffset === undefined ? {} : { private_metadata: JSON.stringify({ charterOffset: parts.charterOffset }) };
  return { type: 'home', blocks: [...top, ...parts.body.slice(0, Math.max(0, room)), ...charterBlocks, ...bottom], ...metadata };
}

export interface HomeOptions {
  /** Row offset of the charter view's relationships; 0 shows the first page. */
  charterOffset?: number;
  /** A confirmation or a failure to show at the top. */
  notice?: Reply | undefined;
}

/** Publishes the Home tab of the user in `scope`. */
export async function publishHome(deps: SlackDeps, client: WebClient, scope: RequestScope, options: HomeOptions = {}): Promise<void> {
  const session = await deps.sessions.open(scope);
  const overview = await loadMemberOverview(session.ctx, session.member.id);
  const reply = presentOverview(overview, session.t, session.ctx);
  const charter = presentCharterView(await loadCharterView(session.ctx, pageStart(options.charterOffset ?? 0)), session.t, session.locale);
  const view = homeView(session.t, session.member.name, {
    body: renderBlocks(reply.blocks),
    charterBlocks: renderCharterView(charter),
    notice: options.notice,
    charterOffset: charter.offset,
  });
  await client.views.publish({ user_id: scope.userId, view });
}

/**
 * Reports a failure that left no Home tab to show: logs it, then publishes a Home tab that holds
 * only the translated sentence. A failed publish is logged, because no other place remains to tell the user.
 */
export async function publishFailedHome(deps: SlackDeps, client: WebClient, scope: RequestScope, error: unknown, log: RequestLog): Promise<void> {
  const locale = deps.sessions.knownLocale(scope.organisation, scope.userId);
  const message = reportFailure(deps, error, log, locale);
  const t = translator(locale);
  const failed = homeView(t, undefined, { body: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(message) } }] });
  await client.views.publish({ user_id: scope.userId, view: failed }).catch((publishError: unknown) => deps.logger.warn({ err: publishError, user: scope.userId }, 'Slack views.publish failed'));
}

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    // The Messages and About tabs show nothing of o2o's.
    if (event.tab !== 'home') return;
    const scope = scopeOf(client, context, event.user);
    try {
      await publishHome(deps, client, scope);
    } catch (error) {
      await publishFailedHome(deps, client, scope, error, requestLog(context, event.user, 'home'));
    }
  });
  registerCharterHome(app, deps);
}
