// The charter's lines in the shared grammar, parsed and run through the command layer as Slack,
// Teams and the CLI run them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { environmentWithoutMentions, executeCommand, formatCommand, helpReply, parseCommand } from '../../src/app/commands/index.js';
import type { Command } from '../../src/app/commands/types.js';
import type { Reply } from '../../src/app/reply.js';
import { translator } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/database.js';
import { createTestTenant, driverName, openTestStore } from '../helpers/store.js';
import { addAccount, addContact, addMember, addRelationship, as, setCharter } from './helpers.js';

const parsed = (line: string): Command => {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`did not parse: ${line} (${result.failure.messageKey})`);
  return result.command;
};
const failureOf = (line: string) => {
  const result = parseCommand(line);
  return result.ok ? null : result.failure.messageKey;
};

describe('charter grammar', () => {
  it('reads the charter lines', () => {
    expect(parsed('charter')).toMatchObject({ verb: 'charter', action: 'show' });
    expect(parsed('charter accept')).toMatchObject({ verb: 'charter', action: 'accept' });
    expect(parsed('charter opt-out')).toMatchObject({ verb: 'charter', action: 'opt-out' });
    expect(parsed('charter set retention 18')).toMatchObject({ verb: 'charter', action: 'set', patch: { retentionMonths: 18 } });
    expect(parsed('charter set hidden existence')).toMatchObject({ patch: { hiddenRelationships: 'existence' } });
    expect(parsed('charter set acceptance required')).toMatchObject({ patch: { requireAcceptance: true } });
    expect(parsed('charter set visibility équipe')).toMatchObject({ patch: { defaultVisibility: 'deal_team' } });
  });

  it('rejects bad settings with the reason', () => {
    expect(failureOf('charter set retention 0')).toBe('charter.settings.invalidMonths');
    expect(failureOf('charter set colour blue')).toBe('charter.settings.unknownSetting');
    expect(failureOf('charter set hidden maybe')).toBe('charter.settings.invalidValue');
    expect(failureOf('charter sign')).toBe('charter.commands.charterUsage');
  });

  it('reads visibility, introductions and audit lines', () => {
    expect(parsed('visibility Peter Gibbons at Initech private')).toMatchObject({ verb: 'visibility', person: 'Peter Gibbons', account: 'Initech', visibility: 'private' });
    expect(parsed('visibility "Peter Gibbons" everyone')).toMatchObject({ person: 'Peter Gibbons', visibility: 'tenant' });
    expect(failureOf('visibility Peter Gibbons')).toBe('charter.commands.visibilityUsage');
    expect(failureOf('visibility "Peter Gibbons" public')).toBe('charter.commands.invalidVisibility');
    expect(failureOf('visibility Peter Gibbons at Initech public')).toBe('charter.commands.invalidVisibility');
    expect(parsed('my relationships page 2')).toMatchObject({ verb: 'my-relationships', page: 2 });
    expect(parsed('introduction request Peter Gibbons at Initech')).toMatchObject({ verb: 'introduction', action: 'request', person: 'Peter Gibbons', account: 'Initech' });
    expect(failureOf('introduction accept 42')).toBe('charter.commands.invalidId');
    expect(parsed('audit actor Ada Admin action lookup since 30d')).toMatchObject({ verb: 'audit', filter: { actor: 'Ada Admin', action: 'lookup', since: '30d' } });
    expect(failureOf('audit since yesterday')).toBe('charter.audit.invalidSince');
  });

  it('writes lines back as typed', () => {
    expect(formatCommand(parsed('visibility "Peter Gibbons" private'))).toBe('visibility "Peter Gibbons" private');
  });

  it('lists the charter commands in help, in both languages', () => {
    expect(JSON.stringify(helpReply(translator('en')))).toContain('List your relationships and who can see each one');
    expect(JSON.stringify(helpReply(translator('fr')))).toContain('Lister vos relations et qui peut voir chacune');
  });
});

describe(`charter commands on ${driverName}`, () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store?.close());

  async function run(ctx: ReturnType<typeof as>, line: string, locale: 'en' | 'fr' = 'en'): Promise<Reply> {
    const result = await executeCommand(environmentWithoutMentions({ ...ctx, locale }, translator(locale)), parsed(line));
    if (result.kind !== 'reply') throw new Error('expected a reply');
    return result.reply;
  }

  it('shows the charter with where the member stands', async () => {
    const tenantId = await createTestTenant(store, 'commands-show');
    const member = await addMember(store, tenantId, 'Olga Owner');
    await setCharter(store, tenantId, { requireAcceptance: true, retentionMonths: 18, revision: 1 });
    const reply = await run(as(store, tenantId, member), 'charter');
    const text = JSON.stringify(reply);
    expect(reply.text).toContain('Relationship charter, version 1.1');
    expect(text).toContain('Interactions and notes are deleted after 18 months');
    expect(text).toContain('Nothing of yours is shared until you accept this version');
    expect(reply.text).toContain('You have not accepted the charter yet.');
    expect(text).toContain('"value":"charter accept"');

    const accepted = await run(as(store, tenantId, member), 'charter accept', 'fr');
    expect(accepted.text).toBe('Merci : vous avez adhéré à la version 1.1 de la charte. Vos relations sont désormais partagées selon la visibilité de chacune.');
  });

  it('changes and lists the member’s relationships', async () => {
    const tenantId = await createTestTenant(store, 'commands-mine');
    const member = await addMember(store, tenantId, 'Olga Owner');
    const contact = await addContact(store, tenantId, await addAccount(store, tenantId, 'Initech'), 'Peter Gibbons');
    await addRelationship(store, tenantId, member, contact, 'tenant');
    const ctx = as(store, tenantId, member);

    expect((await run(ctx, 'visibility Peter Gibbons private')).text).toBe('Your relationship with Peter Gibbons is now visible to you alone.');
    const mine = await run(ctx, 'my relationships');
    expect(mine.text).toBe('Your relationships. 1 relationship: 1 private, 0 deal team, 0 shared with everyone.');
    expect((await run(ctx, 'charter opt-out')).text).toContain('visible to you alone');
  });

  it('answers a member who is not an admin with a clear refusal', async () => {
    const tenantId = await createTestTenant(store, 'commands-admin');
    const member = await addMember(store, tenantId, 'Olga Owner');
    const reply = await run(as(store, tenantId, member), 'audit');
    expect(reply.error?.code).toBe('forbidden');
    expect(reply.text).toBe('Only an o2o admin can do that. Ask an admin (set in O2O_ADMINS, or a workspace admin).');
    const french = await run(as(store, tenantId, member), 'charter set retention 12', 'fr');
    expect(french.text).toContain('Seul un administrateur o2o peut faire cela.');
  });
});
