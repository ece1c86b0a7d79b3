// Distribution through OAuth: install into a workspace and an Enterprise Grid organisation,
// serve requests with each installation's token, then uninstall and revoke.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { members, slackInstallations } from '../../src/store/schema.js';
import { BOT_SCOPES } from '../../src/slack/settings.js';
import { openTestStore } from '../helpers/store.js';
import { eventCallback, appHomeOpened, slashCommand } from './helpers/payloads.js';
import { sendSigned, startSlackServer, tenantByKey, uniqueIds, type SlackServer } from './helpers/harness.js';

const CLIENT_ID = '1234567890.1234567890';

describe('Slack OAuth distribution', () => {
  let store: Store;
  let server: SlackServer;
  const workspace = uniqueIds();
  const grid = uniqueIds();

  beforeAll(async () => {
    store = await openTestStore();
    server = await startSlackServer({
      store,
      env: { SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: 'client-secret-0123456789', SLACK_STATE_SECRET: 'state-secret-0123456789abcdef' },
    });
    server.fake.users.set('W111', { id: 'W111', name: 'Hélène Caron', locale: 'fr-FR' });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
  });

  beforeEach(() => server.fake.reset());

  /** Starts an install like a browser: returns the state and its cookie. */
  async function startInstall() {
    const response = await fetch(`${server.url}/slack/install`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    return { location, state: location.searchParams.get('state')!, cookie };
  }

  async function finishInstall(state: string, cookie: string, language = 'en-GB') {
    return fetch(`${server.url}/slack/oauth_redirect?code=code-123&state=${encodeURIComponent(state)}`, { headers: { cookie, 'accept-language': language } });
  }

  const rowsOf = (teamOrEnterprise: { team?: string; enterprise?: string }) =>
    store.db
      .select()
      .from(slackInstallations)
      .where(teamOrEnterprise.team ? eq(slackInstallations.teamId, teamOrEnterprise.team) : eq(slackInstallations.enterpriseId, teamOrEnterprise.enterprise!));

  it('sends the installer to Slack with the manifest scopes', async () => {
    const { location, state } = await startInstall();
    expect(location.pathname).toBe('/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(location.searchParams.get('scope')).toBe(BOT_SCOPES.join(','));
    expect(state.length).toBeGreaterThan(20);
  });

  it('installs into a workspace and creates its tenant', async () => {
    server.fake.oauthAccess = {
      ok: true,
      app_id: 'A111',
      authed_user: { id: 'W111' },
      scope: 'commands,users:read,users:read.email',
      token_type: 'bot',
      access_token: 'xoxb-workspace-token',
      bot_user_id: 'UBOT',
      team: { id: workspace.team, name: 'Northwind' },
      enterprise: null,
      is_enterprise_install: false,
    };
    const { state, cookie } = await startInstall();
    const page = await finishInstall(state, cookie, 'fr-FR,fr;q=0.9');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('o2o est désormais installé dans Northwind.');

    const access = server.fake.callsTo('oauth.v2.access')[0];
    expect(access?.params).toMatchObject({ code: 'code-123', client_id: CLIENT_ID });
    const [row] = await rowsOf({ team: workspace.team });
    expect(row).toMatchObject({ teamId: workspace.team, enterpriseId: null, isEnterpriseInstall: false, botUserId: 'UBOT', botToken: 'xoxb-workspace-token', userId: 'W111' });
    const tenant = await tenantByKey(store, `slack:${workspace.team}`);
    expect(tenant?.name).toBe('Northwind');
    expect(row?.tenantId).toBe(tenant?.id);
  });

  it('serves the installed workspace with its own token', async () => {
    await sendSigned(server, slashCommand(workspace, 'help', { responseUrl: server.fake.responseUrl() }));
    const answer = await server.fake.waitFor('response_url');
    expect(answer.params.text).toBe('Tapez help pour lister les commandes.');
    const info = server.fake.callsTo('users.info')[0];
    expect(info?.token).toBe('xoxb-workspace-token');
  });

  it('ignores a workspace that never installed the app', async () => {
    const stranger = uniqueIds();
    const response = await sendSigned(server, slashCommand(stranger, 'help', { responseUrl: server.fake.responseUrl() }));
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.fake.callsTo('response_url')).toEqual([]);
    expect(await tenantByKey(store, `slack:${stranger.team}`)).toBeUndefined();
  });

  it('rejects an install whose state does not match the browser', async () => {
    const { cookie } = await startInstall();
    const page = await finishInstall('forged-state', cookie);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('o2o could not be installed, and nothing was changed.');
    expect(server.fake.callsTo('oauth.v2.access')).toEqual([]);
  });

  it('installs org-wide for an Enterprise Grid organisation', async () => {
    server.fake.oauthAccess = {
      ok: true,
      app_id: 'A111',
      authed_user: { id: 'W111' },
      scope: 'commands,users:read,users:read.email',
      token_type: 'bot',
      access_token: 'xoxb-grid-token',
      bot_user_id: 'UBOTGRID',
      team: null,
      enterprise: { id: grid.enterprise, name: 'Northwind Group' },
      is_enterprise_install: true,
    };
    const { state, cookie } = await startInstall();
    const page = await finishInstall(state, cookie);
    expect(await page.text()).toContain('o2o is now installed in Northwind Group.');
    const [row] = await rowsOf({ enterprise: grid.enterprise });
    expect(row).toMatchObject({ teamId: null, isEnterpriseInstall: true, botToken: 'xoxb-grid-token' });
    expect((await tenantByKey(store, `slack-org:${grid.enterprise}`))?.id).toBe(row?.tenantId);
  });

  it('serves the organisation on the recorded org-wide Home event', async () => {
    await sendSigned(server, appHomeOpened(grid, 'home', { eventId: `Ev${grid.enterprise}home`, enterprise: true }), { contentType: 'json' });
    const published = await server.fake.waitFor('views.publish');
    expect(published.token).toBe('xoxb-grid-token');
    const tenant = await tenantByKey(store, `slack-org:${grid.enterprise}`);
    const [member] = await store.db.select().from(members).where(eq(members.tenantId, tenant!.id));
    expect(member?.slackUserId).toBe('W111');
  });

  it('removes the installation on uninstall and keeps the tenant data', async () => {
    const tenant = await tenantByKey(store, `slack:${workspace.team}`);
    await store.db.insert(members).values({ tenantId: tenant!.id, name: 'Kept Member', normalizedName: 'kept member' });
    const response = await sendSigned(server, eventCallback(workspace, { type: 'app_uninstalled', event_ts: '1700000000.000100' }, { eventId: `Ev${workspace.team}gone` }), { contentType: 'json' });
    expect(response.status).toBe(200);
    for (let attempt = 0; attempt < 200 && (await rowsOf({ team: workspace.team })).length > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await rowsOf({ team: workspace.team })).toEqual([]);
    expect((await tenantByKey(store, `slack:${workspace.team}`))?.id).toBe(tenant!.id);
    const kept = await store.db.select().from(members).where(eq(members.tenantId, tenant!.id));
    expect(kept.map((member) => member.name)).toContain('Kept Member');
  });

  it('stops serving an uninstalled workspace', async () => {
    await sendSigned(server, slashCommand(workspace, 'help', { responseUrl: server.fake.responseUrl() }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.fake.callsTo('response_url')).toEqual([]);
  });

  it('removes the installation when its bot token is revoked', async () => {
    const event = { type: 'tokens_revoked', tokens: { bot: ['UBOTGRID'] }, event_ts: '1700000000.000200' };
    await sendSigned(server, eventCallback(grid, event, { eventId: `Ev${grid.enterprise}revoked`, enterprise: true }), { contentType: 'json' });
    for (let attempt = 0; attempt < 200 && (await rowsOf({ enterprise: grid.enterprise })).length > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await rowsOf({ enterprise: grid.enterprise })).toEqual([]);
    expect(await tenantByKey(store, `slack-org:${grid.enterprise}`)).toBeDefined();
  });
});
