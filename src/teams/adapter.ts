// The Bot Framework adapter (botbuilder's CloudAdapter, as the Teams AI library extends it) and
// the HTTP handler of /api/messages.
import { TeamsAdapter, type Application } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type express from 'express';

import type { Logger } from '../config/logger.js';
import type { TeamsConfig } from './config.js';

/** The adapter, with request authentication and the turn run as one public step. */
export class BotAdapter extends TeamsAdapter {
  /** Authenticates an activity against its Authorization header, runs the turn, returns the invoke response. */
  handleActivity(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/**
 * Creates the adapter. With credentials, every request must carry a Bot Framework token; in
 * local mode the adapter has no app id, which botbuilder reads as authentication disabled.
 */
export function createTeamsAdapter(config: Exclude<TeamsConfig, { mode: 'disabled' }>): BotAdapter {
  if (config.mode === 'local') return new BotAdapter({});
  const { credentials } = config;
  return new BotAdapter({
    MicrosoftAppId: credentials.appId,
    MicrosoftAppType: credentials.appType,
    ...(credentials.password && { MicrosoftAppPassword: credentials.password }),
    ...(credentials.tenantId && { MicrosoftAppTenantId: credentials.tenantId }),
    ...(credentials.certificate && {
      CertificateThumbprint: credentials.certificate.thumbprint,
      CertificatePrivateKey: credentials.certificate.privateKey,
    }),
  });
}

function isActivity(body: unknown): body is Activity {
  return typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string';
}

// botbuilder's own request parsing turns these ISO strings into dates; so does this handler.
function withDates(activity: Activity): Activity {
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = activity[field] as unknown;
    if (typeof value === 'string') (activity as unknown as Record<string, unknown>)[field] = new Date(value);
  }
  return activity;
}

/**
 * Handles /api/messages: authenticates the request, runs the turn and responds with the
 * invoke response, if any. A missing or invalid token gets 401; a body that is not an activity 400.
 */
export function createMessagesHandler(adapter: BotAdapter, application: Application, logger: Logger): express.RequestHandler {
  return async (request, response) => {
    if (!isActivity(request.body)) {
      response.status(400).json({ error: 'The body must be a Bot Framework activity: a JSON object with a type.' });
      return;
    }
    const activity = withDates(request.body);
    const authorization = request.headers.authorization ?? '';
    try {
      const invokeResponse = await adapter.handleActivity(authorization, activity, async (context) => {
        await application.run(context);
      });
      response.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined) response.json(invokeResponse.body);
      else response.end();
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      if (status === 401 || status === 403) {
        logger.warn({ status, activityType: activity.type, hasToken: authorization !== '' }, 'Teams request rejected: not authenticated');
        response.status(401).json({ error: 'Unauthorized' });
        return;
      }
      logger.error({ err: error, activityType: activity.type }, 'Teams request failed');
      if (!response.headersSent) response.status(500).json({ error: 'The activity could not be processed.' });
    }
  };
}
