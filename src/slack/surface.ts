// Shared pieces of every Slack listener: the runtime and sessions, who a request comes from, and
// one policy for failures (a short translated sentence for the user, the details in the log).
import type { WebClient } from '@slack/web-api';

import { describeError } from '../app/error-reply.js';
import { AppError, isStoreUnavailable } from '../app/errors.js';
import type { Runtime } from '../app/runtime.js';
import type { Locale } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import { translator } from '../i18n/index.js';
import type { SlackOrganisation } from './installation-store.js';
import { statusView } from './modals/forms.js';
import type { RequestScope, SlackSessions } from './session.js';

export interface SlackDeps {
  runtime: Runtime;
  sessions: SlackSessions;
  logger: Logger;
}

/** Log fields of one request: never message text, only identifiers and the command's name. */
export interface RequestLog {
  team?: string | undefined;
  enterprise?: string | undefined;
  user: string;
  command: string;
}

interface BoltContextLike {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
}

export function organisationOf(context: BoltContextLike): SlackOrganisation {
  return { teamId: context.teamId ?? null, enterpriseId: context.enterpriseId ?? null, isEnterpriseInstall: context.isEnterpriseInstall };
}

export function scopeOf(client: WebClient, context: BoltContextLike, userId: string, userName?: string): RequestScope {
  return { client, organisation: organisationOf(context), userId, ...(userName && { userName }) };
}

export function requestLog(context: BoltContextLike, userId: string, command: string): RequestLog {
  return { team: context.teamId, enterprise: context.enterpriseId, user: userId, command };
}

/**
 * Logs a failure and returns the sentence the user sees. Use-case errors are the user's to fix and
 * log at info; a store outage logs at warn; anything else is a bug and logs at error.
 */
export function reportFailure(deps: SlackDeps, error: unknown, log: RequestLog, locale: Locale): string {
  if (error instanceof AppError) deps.logger.info({ ...log, code: error.code, key: error.messageKey }, 'Slack request rejected');
  else if (isStoreUnavailable(error)) deps.logger.warn({ ...log, err: error }, 'Slack request failed: store unavailable');
  else deps.logger.error({ ...log, err: error }, 'Slack request failed');
  return describeError(error, translator(locale));
}

/**
 * Opens a "loading" modal at once: a trigger_id works for 3 seconds only, so the modal opens
 * before any lookup and views.update fills it in. Returns the view id.
 */
export async function openLoadingView(client: WebClient, triggerId: string, locale: Locale): Promise<string> {
  const t = translator(locale);
  const opened = await client.views.open({ trigger_id: triggerId, view: statusView(t, t('slack.status.loadingTitle'), t('slack.status.loading')) });
  return opened.view!.id!;
}

/** Replaces a modal by a message; failures are logged, since the user may have closed it. */
export async function showInView(deps: SlackDeps, client: WebClient, viewId: string, locale: Locale, message: string, titleKey = 'slack.status.failedTitle'): Promise<void> {
  const t = translator(locale);
  try {
    await client.views.update({ view_id: viewId, view: statusView(t, t(titleKey), message) });
  } catch (error) {
    deps.logger.warn({ err: error, viewId }, 'Slack views.update failed');
  }
}
