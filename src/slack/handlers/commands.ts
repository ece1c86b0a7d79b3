// The /o2o slash command and the buttons of o2o's messages. Both run a command line. Every
// request is acknowledged first, and the reply follows through the response_url.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';

import { formatCommand, PAGE_SIZE, parseCommand } from '../../app/commands/index.js';
import { ACTION_PREFIX, decodeAction, kindOf, type ActionValue } from '../render/actions.js';
import { runLine } from '../run-line.js';
import { scopeOf, type SlackDeps } from '../surface.js';
import { RECORD_ACTIONS, runRecordAction } from './record-actions.js';

export const SLASH_COMMAND = '/o2o';

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(SLASH_COMMAND, async ({ ack, body, client, context, respond }) => {
    await ack();
    await runLine(deps, {
      scope: scopeOf(client, context, body.user_id, body.user_name),
      line: body.text ?? '',
      respond,
      triggerId: body.trigger_id,
      origin: { source: 'command', channel: body.channel_id, responseUrl: body.response_url },
    });
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}`) }, async ({ ack, body, action, client, context, respond }) => {
    await ack();
    const value = decodeAction(action.value);
    const kind = kindOf(action.action_id);
    const fromMessage = body.container?.type === 'message';
    const scope = scopeOf(client, context, body.user.id, body.user.name);
    const origin = { source: fromMessage ? ('action' as const) : ('home' as const), ...(body.channel?.id && { channel: body.channel.id }), ...(body.response_url && { responseUrl: body.response_url }) };
    if (kind === 'reply' && value?.id && value.value !== undefined && RECORD_ACTIONS.has(value.id)) {
      const respondIfMessage = fromMessage && body.response_url ? { respond } : {};
      await runRecordAction(deps, { scope, actionId: value.id, value: value.value, ...respondIfMessage, triggerId: body.trigger_id, origin });
      return;
    }
    const line = value ? lineOf(kind, value) : undefined;
    if (!kind || !value || line === undefined) {
      deps.logger.warn({ user: body.user.id, team: context.teamId, action: action.action_id }, 'Slack button with an unreadable value ignored');
      return;
    }
    await runLine(deps, {
      scope,
      line,
      ...(fromMessage && body.response_url && { respond }),
      triggerId: body.trigger_id,
      origin,
      part: kind === 'more' || kind === 'share' ? value.part ?? 0 : 0,
      share: kind === 'share',
      label: kind === 'reply' ? undefined : kind,
    });
  });
}

/**
 * Returns the command line a button runs: its own line for "show more" and "share", the line it
 * carries for "did you mean" and "run", and the reply's line at another page for paging.
 */
export function lineOf(kind: ReturnType<typeof kindOf>, value: ActionValue): string | undefined {
  if (kind === 'more' || kind === 'share') return value.line;
  if (kind === 'open') return value.value;
  if (value.id === 'page' && value.line) {
    const page = pageLine(value.line, value.value);
    if (page) return page;
  }
  if (value.value !== undefined && parseCommand(value.value).ok) return value.value;
  return undefined;
}

/** Returns the line at another page, given the row offset the query's page button carries. */
function pageLine(line: string, pageValue: string | undefined): string | undefined {
  const parsed = parseCommand(line);
  const offset = Number(pageValue);
  if (!parsed.ok || !Number.isInteger(offset) || offset < 0) return undefined;
  const command = parsed.command;
  if (command.verb !== 'who' && command.verb !== 'contacts') return undefined;
  return formatCommand({ ...command, page: Math.floor(offset / PAGE_SIZE) + 1 });
}
