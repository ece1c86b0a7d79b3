// The charter view's buttons and visibility selects on the Home tab. Each is acknowledged first,
// then runs, then the Home tab is published again with a confirmation or the translated failure.
import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';

import { runCharterViewAction, type ViewActionOutcome } from '../../app/charter/view.js';
import { AppError } from '../../app/errors.js';
import { textReply } from '../../app/reply.js';
import { charterActionOf, CHARTER_ACTION_PREFIX } from '../render/charter-view.js';
import { requestLog, reportFailure, scopeOf, type SlackDeps } from '../surface.js';
import { publishFailedHome, publishHome } from './home.js';

type CharterAction = BlockAction<ButtonAction | StaticSelectAction>;

export function registerCharterHome(app: App, deps: SlackDeps): void {
  app.action<CharterAction>({ type: 'block_actions', action_id: new RegExp(`^${CHARTER_ACTION_PREFIX}`) }, async ({ ack, body, action, client, context }) => {
    await ack();
    const started = Date.now();
    const actionId = charterActionOf(action.action_id);
    const log = requestLog(context, body.user.id, actionId ?? 'charter-view');
    const scope = scopeOf(client, context, body.user.id, body.user.name);
    const value = action.type === 'static_select' ? action.selected_option?.value ?? '' : action.value ?? '';
    const offset = charterOffsetOf(body.view?.private_metadata);

    let outcome: ViewActionOutcome | null;
    try {
      const session = await deps.sessions.open(scope);
      outcome = actionId ? await runCharterViewAction(session.ctx, session.t, actionId, value, offset) : null;
    } catch (error) {
      // The failure is shown at the top of a fresh Home tab, in the user's language.
      const locale = deps.sessions.knownLocale(scope.organisation, scope.userId);
      const message = reportFailure(deps, error, log, locale);
      outcome = { notice: textReply(message, { code: error instanceof AppError ? error.code : 'internal' }), offset };
    }
    if (!outcome) {
      deps.logger.warn({ ...log, action: action.action_id }, 'Slack charter action with an unknown id ignored');
      return;
    }

    try {
      await publishHome(deps, client, scope, { charterOffset: outcome.offset, notice: outcome.notice ?? undefined });
    } catch (error) {
      await publishFailedHome(deps, client, scope, error, log);
    }
    deps.logger.info({ ...log, durationMs: Date.now() - started }, 'Slack charter action handled');
  });
}

/** Reads the relationships' row offset the Home tab keeps in its private_metadata; 0 when absent. */
export function charterOffsetOf(metadata: string | undefined): number {
  if (!metadata) return 0;
  try {
    const parsed = JSON.parse(metadata) as { charterOffset?: unknown };
    return typeof parsed.charterOffset === 'number' ? parsed.charterOffset : 0;
  } catch {
    return 0;
  }
}
