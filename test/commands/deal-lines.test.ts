// The deal, coverage and map lines of the shared grammar: what they parse to, how a line that
// does not parse is answered, and what running one returns, map pictures included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../../src/app/accounts.js';
import { environmentWithoutMentions, executeCommand, formatCommand, helpReply, parseCommand, parseFailureReply, type Command, type CommandResult } from '../../src/app/commands/index.js';
import { upsertContact } from '../../src/app/contacts.js';
import { upsertMember } from '../../src/app/members.js';
import { translator } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/database.js';
import { createTestTenant, openTestStore, testContext } from '../helpers/store.js';

function parsed(line: string): Command {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`expected ${line} to parse, got ${result.failure.messageKey}`);
  return result.command;
}

function replyOf(result: CommandResult) {
  if (result.kind !== 'reply') throw new Error(`expected a reply, got the ${result.request.form} form`);
  return result;
}

function failure(line: string) {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`expected ${line} to fail, got ${JSON.stringify(result.command)}`);
  return result.failure;
}

describe('deal lines', () => {
  it('parse deal actions with quoted names and options', () => {
    expect(parsed('deal create "Acme Energy" "Grid Modernisation" --stage proposal')).toEqual({
      verb: 'deal',
      action: { action: 'create', account: 'Acme Energy', name: 'Grid Modernisation', stage: 'proposal' },
      line: 'deal create "Acme Energy" "Grid Modernisation" --stage proposal',
    });
  });

  it('join an unquoted name where one name is expected', () => {
    expect(parsed('coverage Acme Energy --top 3')).toMatchObject({ verb: 'coverage', action: { action: 'coverage', target: 'Acme Energy', top: '3' } });
    expect(parsed('map Grid Modernisation')).toMatchObject({ verb: 'map', action: { action: 'map', target: 'Grid Modernisation' } });
    expect(parsed('deal show Grid Modernisation')).toMatchObject({ verb: 'deal', action: { action: 'show', deal: 'Grid Modernisation' } });
  });

  it('read a committee add without a person as the committee form', () => {
    expect(parsed('deal committee add "Grid Modernisation" --account "Acme Energy"')).toEqual({
      verb: 'deal',
      action: { action: 'show', deal: 'Grid Modernisation', account: 'Acme Energy' },
      line: 'deal committee add "Grid Modernisation" --account "Acme Energy"',
      committeeForm: true,
    });
  });

  it('keep mentions of deal-team members', () => {
    expect(parsed('deal team add Grid <@W333|marc>')).toMatchObject({ action: { action: 'team-add', deal: 'Grid', member: { kind: 'mention', userId: 'W333', label: 'marc' } } });
  });

  it('answer "deal" alone with its help', () => {
    expect(parsed('deal')).toEqual({ verb: 'help', topic: 'deal' });
    expect(parsed('help coverage')).toEqual({ verb: 'help', topic: 'coverage' });
  });

  it('format back to the line as typed', () => {
    expect(formatCommand(parsed('coverage  Acme Energy'))).toBe('coverage  Acme Energy');
  });

  it('report an unknown option with the exact usage', () => {
    const result = failure('deal show Grid --bogus 1');
    expect(result).toMatchObject({ messageKey: 'deals.errors.unknownOption', verb: 'deal', usage: 'deal show DEAL [--account A]' });
    const reply = parseFailureReply({ t: translator('en') }, result);
    expect(reply.text).toContain("'--bogus' is not an option of this command.");
    expect(reply.blocks[1]).toEqual({ type: 'context', text: 'Usage: deal show DEAL [--account A]' });
  });

  it('offer a corrected verb for a typo', () => {
    expect(failure('covrage Acme')).toMatchObject({ messageKey: 'commands.errors.unknownVerb', correction: 'coverage Acme' });
  });

  it('list every verb in the help, French included', () => {
    const english = JSON.stringify(helpReply(translator('en')).blocks);
    for (const verb of ['deal create|show', 'coverage DEAL|ACCOUNT', 'map DEAL|ACCOUNT', 'digest subscribe', 'ask @MEMBER']) expect(english).toContain(verb);
    const french = JSON.stringify(helpReply(translator('fr'), 'deal').blocks);
    expect(french).toContain('deal committee add AFFAIRE (sans personne) : ouvre le formulaire');
  });
});

describe('deal commands run', () => {
  let store: Store;
  let tenantId: string;

  beforeAll(async () => {
    store = await openTestStore();
    tenantId = await createTestTenant(store, 'deal-lines');
    const base = testContext(store, tenantId);
    const account = await createAccount(base, { name: 'Acme Energy' });
    await upsertContact(base, { accountId: account.id, name: 'Olivia Rousseau', title: 'CEO' });
    await upsertMember(base, { name: 'Hélène Caron', email: 'helene.caron@northwind.example' });
  });

  afterAll(() => store.close());

  const env = () => environmentWithoutMentions(testContext(store, tenantId), translator('en'));

  it('returns a shareable deal and a confirmation that is not', async () => {
    const created = replyOf(await executeCommand(env(), parsed('deal create "Acme Energy" "Grid Modernisation"')));
    expect(created.shareable).toBe(false);
    const deal = replyOf(await executeCommand(env(), parsed('deal show Grid Modernisation')));
    expect(deal.shareable).toBe(true);
    expect(deal.reply.blocks[0]).toEqual({ type: 'heading', text: 'Grid Modernisation — Acme Energy' });
  });

  it('returns a map with its PNG', async () => {
    const { file } = replyOf(await executeCommand(env(), parsed('map Acme Energy')));
    expect(file?.mimeType).toBe('image/png');
    expect(file?.data.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(file?.alt).toMatch(/^Power map of Acme Energy/);
  });

  it('turns an unknown deal into a reply', async () => {
    const { reply } = replyOf(await executeCommand(env(), parsed('deal show Nothing Like It')));
    expect(reply.error?.code).toBe('not_found');
  });

  it('reports a mention where mentions cannot be read', async () => {
    const { reply } = replyOf(await executeCommand(env(), parsed('deal team add "Grid Modernisation" <@W333|marc>')));
    expect(reply.text).toBe('@mentions do not work here. Type the name instead.');
  });
});
