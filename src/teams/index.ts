// Teams endpoint /api/messages, mounted on the server's Express application. Without
// credentials and without local mode it responds 401 to every request.
import express from 'express';

import type { Runtime } from '../app/runtime.js';
import { createMessagesHandler, createTeamsAdapter } from './adapter.js';
import { createTeamsBot, type TeamsBot } from './bot.js';
import { resolveTeamsConfig } from './config.js';

export const MESSAGES_PATH = '/api/messages';

// Activities are small; a message-extension payload with a long message stays well under this.
const BODY_LIMIT = '1mb';

/** Mounts the Teams endpoint; logs and returns false when Teams is not configured. */
export async function mountTeams(app: express.Express, runtime: Runtime): Promise<boolean> {
  const bot = teamsBotOf(runtime);
  if (!bot) {
    app.post(MESSAGES_PATH, (_request, response) => {
      response.status(401).json({ error: 'Teams is not configured on this server.' });
    });
    runtime.logger.info(
      'Teams is not configured (set MicrosoftAppId with MicrosoftAppPassword or a certificate, or TEAMS_LOCAL_MODE=true for local development): /api/messages rejects every request',
    );
    return false;
  }

  app.post(MESSAGES_PATH, express.json({ limit: BODY_LIMIT }), createMessagesHandler(bot.adapter, bot.application, runtime.logger.child({ platform: 'teams' })));
  return true;
}

// One bot per runtime: the endpoint and the job senders share its adapter, and its start-up lines are logged once.
const bots = new WeakMap<Runtime, TeamsBot | null>();

/**
 * Returns the runtime's Teams bot, built on first use, or null when Teams is disabled. The
 * endpoint handles activities with it, and digests and update requests send proactive cards through
 * its `sendProactiveCard`.
 */
export function teamsBotOf(runtime: Runtime): TeamsBot | null {
  if (!bots.has(runtime)) bots.set(runtime, createConfiguredBot(runtime));
  return bots.get(runtime) ?? null;
}

/** Builds the bot that the environment configures, or null when Teams is disabled. */
function createConfiguredBot(runtime: Runtime): TeamsBot | null {
  const config = resolveTeamsConfig(runtime.env);
  if (config.mode === 'disabled') return null;

  const adapter = createTeamsAdapter(config);
  const botAppId = config.mode === 'authenticated' ? config.credentials.appId : '';
  if (config.mode === 'local') {
    runtime.logger.warn('Teams local mode: /api/messages accepts unauthenticated requests. Use it for development only, never on a public address.');
  } else {
    runtime.logger.info({ appId: botAppId, appType: config.credentials.appType, certificate: Boolean(config.credentials.certificate) }, 'Teams endpoint enabled');
  }
  return createTeamsBot({ adapter, botAppId, runtime, localMode: config.mode === 'local' });
}

export type { ProactiveOutcome, ProactiveTarget, SendProactiveCard } from './proactive.js';
