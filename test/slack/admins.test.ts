// Who may run admin-only commands from Slack: workspace admins and owners as users.info reports
// them, and the people listed in O2O_ADMINS; other members get the translated rejection.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { openTestStore } from '../helpers/store.js';
import { sendSigned, startSlackServer, uniqueIds, type SlackServer } from './helpers/harness.js';
import { slashCommand } from './helpers/payloads.js';
import { seedWorld } from './helpers/seed.js';

const ADMIN_ONLY_MESSAGE = 'Only an o2o admin can do that. Ask an admin (set in O2O_ADMINS, or a workspace admin).';

describe('Slack admins', () => {
  let store: Store;
  let server: SlackServer;
  const ids = uniqueIds();
  let requests = 0;

  beforeAll(async () => {
    store = await openTestStore();
    await seedWorld(store, ids.team);
    // W555 is listed by e-mail; W111 (Hélène) and W333 (Marc) are plain members at first.
    server = await startSlackServer({ store, env: { O2O_ADMINS: 'listed.admin@northwind.example' } });
    server.fake.users.set('W111', { id: 'W111', name: 'Hélène Caron', locale: 'en-GB' });
    server.fake.users.set('W333', { id: 'W333', name: 'Marc Lemaire', locale: 'fr-FR' });
    server.fake.users.set('W444', { id: 'W444', name: 'Wanda Owner', locale: 'en-US', isOwner: true });
    server.fake.users.set('W555', { id: 'W555', name: 'Lena Listed', locale: 'en-US', email: 'listed.admin@northwind.example' });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
  });

  beforeEach(() => server.fake.reset());

  async function run(text: string, user: string) {
    const target = `admin-${++requests}`;
    const response = await sendSigned(server, slashCommand(ids, text, { user, responseUrl: server.fake.responseUrl(target) }));
    expect(response.status).toBe(200);
    return (await server.fake.waitFor('response_url', (call) => call.target === target)).params;
  }

  it('rejects audit from a plain member', async () => {
    const reply = await run('audit', 'W111');
    expect(reply.text).toBe(ADMIN_ONLY_MESSAGE);
  });

  it('rejects in French for a French member', async () => {
    const reply = await run('audit', 'W333');
    expect(reply.text).toContain('Seul un administrateur o2o peut faire cela.');
  });

  it('lets a workspace owner read the audit', async () => {
    const reply = await run('audit', 'W444');
    expect(reply.text).not.toBe(ADMIN_ONLY_MESSAGE);
    expect(JSON.stringify(reply)).not.toContain('Only an o2o admin');
    const checks = server.fake.callsTo('users.info').filter((call) => call.params.user === 'W444');
    expect(checks.length).toBeGreaterThan(0);
  });

  it('lets a member listed in O2O_ADMINS read the audit', async () => {
    const reply = await run('audit', 'W555');
    expect(JSON.stringify(reply)).not.toContain('Only an o2o admin');
  });

  it('asks Slack only when an admin-only command needs it', async () => {
    await run('who Acme Energy', 'W111');
    server.fake.reset();
    await run('who Acme Energy', 'W111');
    expect(server.fake.callsTo('users.info')).toHaveLength(0);
  });

  it('remembers the workspace role for a while', async () => {
    server.fake.users.set('W777', { id: 'W777', name: 'Paul Promoted', locale: 'en-US' });
    expect((await run('audit', 'W777')).text).toBe(ADMIN_ONLY_MESSAGE);
    server.fake.users.set('W777', { id: 'W777', name: 'Paul Promoted', locale: 'en-US', isAdmin: true });
    // The role is remembered for ten minutes, so the promotion shows only after that.
    expect((await run('audit', 'W777')).text).toBe(ADMIN_ONLY_MESSAGE);
  });
});
