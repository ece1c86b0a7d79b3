// The manifests install the app as the code expects it: command, shortcuts, scopes and events.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { SLASH_COMMAND } from '../../src/slack/handlers/commands.js';
import { ADD_CONTACT_SHORTCUT, LOG_INTERACTION_SHORTCUT } from '../../src/slack/handlers/shortcuts.js';
import { BOT_SCOPES, EVENTS_PATH, REDIRECT_PATH } from '../../src/slack/settings.js';

const manifests = {
  http: parse(readFileSync('manifests/slack/manifest.yaml', 'utf8')),
  socket: parse(readFileSync('manifests/slack/manifest.socket-mode.yaml', 'utf8')),
};

describe.each(Object.entries(manifests))('%s manifest', (mode, manifest) => {
  it('declares /o2o with escaped mentions', () => {
    const [command] = manifest.features.slash_commands;
    expect(command.command).toBe(SLASH_COMMAND);
    expect(command.should_escape).toBe(true);
  });

  it('declares both message shortcuts', () => {
    const shortcuts = manifest.features.shortcuts.map((shortcut: any) => [shortcut.type, shortcut.callback_id]);
    expect(shortcuts).toEqual([
      ['message', LOG_INTERACTION_SHORTCUT],
      ['message', ADD_CONTACT_SHORTCUT],
    ]);
  });

  it('keeps shortcut names within 24 characters', () => {
    for (const shortcut of manifest.features.shortcuts) expect(shortcut.name.length).toBeLessThanOrEqual(24);
  });

  it('asks for the scopes the code uses and no others', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
  });

  it('shows direct messages read-only, for update requests', () => {
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(true);
  });

  it('turns on the Home tab, interactivity and the events used', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'app_uninstalled', 'tokens_revoked']);
  });

  it('points every URL at the server routes', () => {
    if (mode === 'socket') {
      expect(manifest.settings.socket_mode_enabled).toBe(true);
      expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
      return;
    }
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    for (const url of [manifest.features.slash_commands[0].url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, manifest.settings.interactivity.message_menu_options_url]) {
      expect(new URL(url).pathname).toBe(EVENTS_PATH);
    }
    expect(new URL(manifest.oauth_config.redirect_urls[0]).pathname).toBe(REDIRECT_PATH);
  });
});
