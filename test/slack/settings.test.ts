// Which Slack set-up the environment turns on, and a server that starts without Slack.
import express from 'express';
import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';

import type { Runtime } from '../../src/app/runtime.js';
import { loadEnv } from '../../src/config/env.js';
import { mountSlack } from '../../src/slack/index.js';
import { readSlackSettings } from '../../src/slack/settings.js';
import type { Store } from '../../src/store/database.js';

const settingsOf = (variables: Record<string, string>) => readSlackSettings(loadEnv(variables));

describe('readSlackSettings', () => {
  it('is off without credentials', () => {
    expect(settingsOf({})).toEqual({ enabled: false, reason: 'no Slack credentials', missing: [] });
  });

  it('runs one workspace over HTTP', () => {
    const setup = settingsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123' });
    expect(setup).toEqual({ enabled: true, settings: { auth: { kind: 'single', botToken: 'xoxb-1' }, transport: { kind: 'http', signingSecret: 'secret-123' }, ignoredBotToken: false } });
  });

  it('switches to Socket Mode with an app token', () => {
    const setup = settingsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(setup.enabled).toBe(true);
    expect(setup.enabled ? setup.settings.transport : undefined).toEqual({ kind: 'socket', appToken: 'xapp-1' });
  });

  it('distributes through OAuth', () => {
    const setup = settingsOf({ SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret-0123456789', SLACK_SIGNING_SECRET: 'secret-123', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(setup.enabled).toBe(true);
    expect(setup.enabled ? setup.settings.auth : undefined).toEqual({ kind: 'oauth', clientId: '1.2', clientSecret: 'client-secret', stateSecret: 'state-secret-0123456789' });
    expect(setup.enabled ? setup.settings.ignoredBotToken : undefined).toBe(true);
  });

  it('names what is missing', () => {
    expect(settingsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatchObject({ enabled: false, missing: ['SLACK_SIGNING_SECRET'] });
    expect(settingsOf({ SLACK_CLIENT_ID: '1.2', SLACK_SIGNING_SECRET: 'secret-123' })).toMatchObject({ enabled: false, missing: ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] });
    expect(settingsOf({ SLACK_SIGNING_SECRET: 'secret-123' })).toMatchObject({ enabled: false, missing: ['SLACK_BOT_TOKEN'] });
  });

  it('rejects malformed tokens at start-up', () => {
    expect(() => loadEnv({ SLACK_BOT_TOKEN: 'not-a-token' })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => loadEnv({ SLACK_APP_TOKEN: 'xoxb-wrong-kind' })).toThrow(/SLACK_APP_TOKEN/);
  });
});

describe('mountSlack', () => {
  function runtimeWith(variables: Record<string, string>) {
    const lines: Array<Record<string, any>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));
        done();
      },
    });
    const runtime = { env: loadEnv(variables), logger: pino({ level: 'info' }, sink), store: {} as Store, close: async () => {} } as Runtime;
    return { runtime, lines };
  }

  it('leaves Slack off and says so without credentials', async () => {
    const { runtime, lines } = runtimeWith({});
    const app = express();
    expect(await mountSlack(app, runtime)).toBe(false);
    expect(lines.map((line) => line.msg)).toContain('Slack is disabled: no Slack credentials are set (see docs/slack-setup.md)');
  });

  it('names the missing variable when credentials are incomplete', async () => {
    const { runtime, lines } = runtimeWith({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(await mountSlack(express(), runtime)).toBe(false);
    const warning = lines.find((line) => line.level === 40);
    expect(warning?.msg).toBe('Slack is disabled: set SLACK_SIGNING_SECRET to turn it on (see docs/slack-setup.md)');
  });
});
