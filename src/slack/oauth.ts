// OAuth distribution: /slack/install sends the browser to Slack's consent page, and
// /slack/oauth_redirect stores the installation and shows a page in the installer's language.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { InstallProvider, type CodedError, type Installation, type OrgInstallation } from '@slack/oauth';
import type { Logger as BoltLogger } from '@slack/bolt';
import type express from 'express';

import type { Runtime } from '../app/runtime.js';
import { resolveLocale, translator } from '../i18n/index.js';
import { PostgresInstallationStore } from './installation-store.js';
import { BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH, type SlackAuth } from './settings.js';

type OAuthAuth = Extract<SlackAuth, { kind: 'oauth' }>;

export function createInstaller(runtime: Runtime, auth: OAuthAuth, boltLogger: BoltLogger, apiUrl: string | undefined): InstallProvider {
  return new InstallProvider({
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    stateSecret: auth.stateSecret,
    installationStore: new PostgresInstallationStore(runtime.store.db, runtime.env.DEFAULT_LOCALE, runtime.logger),
    // Straight to Slack's consent page: o2o has no landing page of its own.
    directInstall: true,
    logger: boltLogger,
    ...(apiUrl && { clientOptions: { slackApiUrl: apiUrl } }),
  });
}

function page(response: ServerResponse, status: number, title: string, message: string): void {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function translatorFor(request: IncomingMessage) {
  const language = String(request.headers['accept-language'] ?? '').split(',')[0];
  return translator(resolveLocale(language, 'en'));
}

/** Mounts the install and redirect routes on the server's Express application. */
export function mountInstallRoutes(app: express.Express, installer: InstallProvider, runtime: Runtime, auth: OAuthAuth): void {
  const installUrlOptions = { scopes: [...BOT_SCOPES], ...(auth.redirectUri && { redirectUri: auth.redirectUri }) };

  app.get(INSTALL_PATH, async (request, response) => {
    try {
      await installer.handleInstallPath(request, response, {}, installUrlOptions);
    } catch (error) {
      runtime.logger.error({ err: error }, 'Slack install link failed');
      const t = translatorFor(request);
      if (!response.headersSent) page(response, 500, t('slack.install.failedTitle'), t('slack.install.failed'));
    }
  });

  app.get(REDIRECT_PATH, async (request, response) => {
    const t = translatorFor(request);
    await installer.handleCallback(request, response, {
      success: (installation: Installation | OrgInstallation, _options, _request, callbackResponse) => {
        const workspace = (installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? '';
        page(callbackResponse, 200, t('slack.install.doneTitle'), t('slack.install.done', { workspace }));
      },
      failure: (error: CodedError, _options, _request, callbackResponse) => {
        runtime.logger.warn({ code: error.code, reason: error.message }, 'Slack installation failed');
        page(callbackResponse, 400, t('slack.install.failedTitle'), t('slack.install.failed'));
      },
    });
  });
}
