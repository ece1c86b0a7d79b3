// Slack endpoints, mounted on the server's Express application when Slack is configured: Bolt on
// /slack/events (or Socket Mode with SLACK_APP_TOKEN), and OAuth install routes for distribution.
import { App, ExpressReceiver, SocketModeReceiver, type Authorize, type Receiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type express from 'express';

import type { Runtime } from '../app/runtime.js';
import { createBoltLogger } from './bolt-logger.js';
import { onlyOnce } from './deliveries.js';
import { registerCommands } from './handlers/commands.js';
import { registerDealForms } from './handlers/deal-forms.js';
import { registerForms } from './handlers/forms.js';
import { registerHome } from './handlers/home.js';
import { registerLifecycle } from './handlers/lifecycle.js';
import { registerOptions } from './handlers/options.js';
import { registerShortcuts } from './handlers/shortcuts.js';
import { createInstaller, mountInstallRoutes } from './oauth.js';
import { SlackSessions } from './session.js';
import { EVENTS_PATH, readSlackSettings, type SlackSettings } from './settings.js';
import type { SlackDeps } from './surface.js';

export interface SlackIntegration {
  app: App;
  settings: SlackSettings;
  /** Starts connecting Socket Mode; nothing to do over HTTP, where the server's routes receive requests. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Returns the authorize function of a single workspace: the bot token, with its bot and team ids
 * read once with auth.test, and read again after a failure.
 */
function singleWorkspaceAuthorize(botToken: string, apiUrl: string | undefined): Authorize<boolean> {
  const client = new WebClient(botToken, apiUrl ? { slackApiUrl: apiUrl } : {});
  let identity: Promise<{ botUserId?: string; botId?: string; teamId?: string }> | undefined;
  return async () => {
    identity ??= client.auth.test().then(
      (result) => ({ botUserId: result.user_id, botId: result.bot_id, teamId: result.team_id }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    );
    const { botUserId, botId } = await identity;
    return { botToken, ...(botUserId && { botUserId }), ...(botId && { botId }) };
  };
}

/** Builds the Bolt app and mounts its routes; returns null when Slack is not configured. */
export async function createSlackIntegration(expressApp: express.Express, runtime: Runtime): Promise<SlackIntegration | null> {
  const setup = readSlackSettings(runtime.env);
  if (!setup.enabled) {
    if (setup.missing.length === 0) runtime.logger.info('Slack is disabled: no Slack credentials are set (see docs/slack-setup.md)');
    else runtime.logger.warn({ missing: setup.missing }, `Slack is disabled: set ${setup.missing.join(', ')} to turn it on (see docs/slack-setup.md)`);
    return null;
  }

  const { settings } = setup;
  const boltLogger = createBoltLogger(runtime.logger);
  const clientOptions = settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {};
  if (settings.ignoredBotToken) runtime.logger.warn('SLACK_BOT_TOKEN is ignored: OAuth credentials are set, so each workspace uses its own installation');

  let authorize: Authorize<boolean>;
  if (settings.auth.kind === 'oauth') {
    const installer = createInstaller(runtime, settings.auth, boltLogger, settings.apiUrl);
    mountInstallRoutes(expressApp, installer, runtime, settings.auth);
    authorize = (source) => installer.authorize(source);
  } else {
    authorize = singleWorkspaceAuthorize(settings.auth.botToken, settings.apiUrl);
  }

  let receiver: Receiver;
  if (settings.transport.kind === 'socket') {
    receiver = new SocketModeReceiver({ appToken: settings.transport.appToken, logger: boltLogger, installerOptions: { clientOptions } });
  } else {
    // Mounted on the server's Express app: Bolt verifies each request's signature and age,
    // responds 401 to a bad one, and acknowledges before the listeners finish (processBeforeResponse off).
    receiver = new ExpressReceiver({ signingSecret: settings.transport.signingSecret, endpoints: EVENTS_PATH, app: expressApp, logger: boltLogger });
  }

  // No conversation store: o2o keeps no state between requests, and Bolt's default one costs a
  // middleware step on every request.
  const app = new App({ receiver, authorize, logger: boltLogger, clientOptions, convoStore: false });
  const deps: SlackDeps = { runtime, sessions: new SlackSessions(runtime), logger: runtime.logger.child({ component: 'slack' }) };
  app.use(onlyOnce(runtime.store.db, deps.logger));
  registerCommands(app, deps);
  registerOptions(app, deps);
  registerForms(app, deps);
  registerDealForms(app, deps);
  registerShortcuts(app, deps);
  registerHome(app, deps);
  registerLifecycle(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: error, code: error.code }, 'Slack listener failed');
  });

  const mode = { auth: settings.auth.kind, transport: settings.transport.kind, ...(settings.apiUrl && { apiUrl: settings.apiUrl }) };
  const socket = settings.transport.kind === 'socket' ? new SocketConnection(app, runtime) : undefined;
  return {
    app,
    settings,
    start: async () => {
      runtime.logger.info(mode, socket ? 'Slack is enabled over Socket Mode' : `Slack is enabled on ${EVENTS_PATH}`);
      // Not awaited: the Socket Mode client keeps retrying while Slack is out of reach, and the
      // server must start meanwhile.
      void socket?.connect();
    },
    stop: async () => {
      await socket?.close();
    },
  };
}

// Waits between attempts to open the Socket Mode connection, doubling up to the maximum.
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 300_000;

/**
 * The Socket Mode connection. A failed first connection (a wrong SLACK_APP_TOKEN, Slack out of
 * reach) is logged and retried with back-off, so the rest of the server keeps serving. Once
 * connected, the Socket Mode client reconnects by itself.
 */
class SocketConnection {
  private retryMs = FIRST_RETRY_MS;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly app: App,
    private readonly runtime: Runtime,
  ) {}

  async connect(): Promise<void> {
    try {
      await this.app.start();
      this.runtime.logger.info('Slack Socket Mode connected');
    } catch (error) {
      this.runtime.logger.error({ err: error, retryInMs: this.retryMs }, 'Slack Socket Mode connection failed: check SLACK_APP_TOKEN and that Slack can be reached');
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.connect(), this.retryMs);
      this.timer.unref();
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.app.stop().catch((error: unknown) => this.runtime.logger.warn({ err: error }, 'Slack Socket Mode did not close cleanly'));
  }
}

/** Mounts the Slack endpoints; logs and returns false when Slack is not configured. */
export async function mountSlack(app: express.Express, runtime: Runtime): Promise<boolean> {
  const integration = await createSlackIntegration(app, runtime);
  if (!integration) return false;
  await integration.start();
  return true;
}
