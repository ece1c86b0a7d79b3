// The Slack set-up the environment describes: off, one workspace with a bot token, or several
// workspaces installed through OAuth, over HTTP or Socket Mode.
import type { Env } from '../config/env.js';

/** Bot scopes the app requests; keep them equal to manifests/slack/manifest.yaml. */
export const BOT_SCOPES = ['commands', 'users:read', 'users:read.email', 'chat:write', 'files:write'] as const;

export const EVENTS_PATH = '/slack/events';
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export type SlackAuth =
  | { kind: 'single'; botToken: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string; stateSecret: string; redirectUri?: string };

export type SlackTransport = { kind: 'http'; signingSecret: string } | { kind: 'socket'; appToken: string };

export interface SlackSettings {
  auth: SlackAuth;
  transport: SlackTransport;
  /** Base URL of the Web API, or undefined for Slack's own. */
  apiUrl?: string;
  /** Set when both a bot token and OAuth credentials are given: the bot token is then unused. */
  ignoredBotToken: boolean;
}

export type SlackSetup = { enabled: true; settings: SlackSettings } | { enabled: false; reason: string; missing: string[] };

/** Reads the Slack settings, and lists what is missing when Slack cannot be turned on. */
export function readSlackSettings(env: Env): SlackSetup {
  const oauthGiven = Boolean(env.SLACK_CLIENT_ID || env.SLACK_CLIENT_SECRET);
  const anyGiven = Boolean(env.SLACK_BOT_TOKEN || oauthGiven || env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN);
  if (!anyGiven) return { enabled: false, reason: 'no Slack credentials', missing: [] };

  const missing: string[] = [];
  let auth: SlackAuth | undefined;
  if (oauthGiven) {
    if (!env.SLACK_CLIENT_ID) missing.push('SLACK_CLIENT_ID');
    if (!env.SLACK_CLIENT_SECRET) missing.push('SLACK_CLIENT_SECRET');
    if (!env.SLACK_STATE_SECRET) missing.push('SLACK_STATE_SECRET');
    if (missing.length === 0) {
      auth = { kind: 'oauth', clientId: env.SLACK_CLIENT_ID!, clientSecret: env.SLACK_CLIENT_SECRET!, stateSecret: env.SLACK_STATE_SECRET!, ...(env.SLACK_REDIRECT_URI && { redirectUri: env.SLACK_REDIRECT_URI }) };
    }
  } else if (env.SLACK_BOT_TOKEN) {
    auth = { kind: 'single', botToken: env.SLACK_BOT_TOKEN };
  } else {
    missing.push('SLACK_BOT_TOKEN');
  }

  let transport: SlackTransport | undefined;
  if (env.SLACK_APP_TOKEN) transport = { kind: 'socket', appToken: env.SLACK_APP_TOKEN };
  else if (env.SLACK_SIGNING_SECRET) transport = { kind: 'http', signingSecret: env.SLACK_SIGNING_SECRET };
  else missing.push('SLACK_SIGNING_SECRET');

  if (!auth || !transport) return { enabled: false, reason: 'incomplete Slack credentials', missing };
  return {
    enabled: true,
    settings: { auth, transport, ...(env.SLACK_API_URL && { apiUrl: env.SLACK_API_URL }), ignoredBotToken: Boolean(oauthGiven && env.SLACK_BOT_TOKEN) },
  };
}
