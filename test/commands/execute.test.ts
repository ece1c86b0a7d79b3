// The platform-neutral command layer against a real store: each command's reply or form, its
// rows, its errors with retry lines, and forms that write everything or nothing.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../../src/app/accounts.js';
import {
  environmentWithoutMentions,
  executeCommand,
  loadMemberOverview,
  parseCommand,
  searchAccountChoices,
  searchContactChoices,
  submitContactForm,
  submitInteractionForm,
  submitRelationshipForm,
  type CommandEnvironment,
  type CommandResult,
} from '../../src/app/commands/index.js';
import { upsertContact } from '../../src/app/contacts.js';
import type { AppContext } from '../../src/app/context.js';
import { upsertMember } from '../../src/app/members.js';
import { translator } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/database.js';
import { accounts, contacts, interactions, relationships, reportingLines } from '../../src/store/schema.js';
import { createTestTenant, openTestStore, testContext } from '../helpers/store.js';

describe('command layer', () => {
  let store: Store;
  let ctx: AppContext;
  let env: CommandEnvironment;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    store = await openTestStore();
    const tenantId = await createTestTenant(store, 'commands');
    const base = testContext(store, tenantId);
    const { member } = await upsertMember(base, { name: 'Hélène Caron', email: 'helene.caron@northwind.example' });
    ctx = testContext(store, tenantId, { actor: { memberId: member.id, name: member.name } });
    env = environmentWithoutMentions(ctx, translator('en'));
    ids.member = member.id;
    ids.acme = (await createAccount(ctx, { name: 'Acme Energy' })).id;
    ids.olivia = (await upsertContact(ctx, { accountId: ids.acme, name: 'Olivia Rousseau', title: 'VP Trading' })).contact.id;
    ids.theo = (await upsertContact(ctx, { accountId: ids.acme, name: 'Théo Nguyen' })).contact.id;
    ids.other = (await createAccount(ctx, { name: 'Globex' })).id;
    ids.otherOlivia = (await upsertContact(ctx, { accountId: ids.other, name: 'Olivia Rousseau' })).contact.id;
  });

  afterAll(() => store.close());

  async function run(line: string, environment = env): Promise<CommandResult> {
    const parsed = parseCommand(line);
    if (!parsed.ok) throw new Error(parsed.failure.messageKey);
    return executeCommand(environment, parsed.command);
  }

  function replyOf(result: CommandResult) {
    if (result.kind !== 'reply') throw new Error(`expected a reply, got the ${result.request.form} form`);
    return result.reply;
  }

  it('records a relationship and confirms it', async () => {
    const reply = replyOf(await run('know Théo Nguyen at Acme Energy strength 4'));
    expect(reply.text).toBe('Saved: you know Théo Nguyen, strength 4 (strong).');
    const [row] = await store.db.select().from(relationships).where(and(eq(relationships.memberId, ids.member!), eq(relationships.contactId, ids.theo!)));
    expect(row?.strength).toBe(4);
  });

  it('asks to pick between namesakes, with one retry line each', async () => {
    const reply = replyOf(await run('know Olivia Rousseau strength 3'));
    expect(reply.error?.code).toBe('ambiguous');
    // Namesakes come in no set order.
    expect(reply.text).toMatch(/^2 contacts are called 'Olivia Rousseau': 'Olivia Rousseau' \((Acme Energy|Globex)\) or 'Olivia Rousseau' \((Acme Energy|Globex)\)\. Add the account \(--account on the command line, at ACCOUNT in chat\)\.$/);
    expect(reply.text).toContain('(Acme Energy)');
    expect(reply.text).toContain('(Globex)');
    const actions = reply.blocks.find((block) => block.type === 'actions');
    const lines = actions?.type === 'actions' ? actions.actions.map((action) => action.value).sort() : [];
    expect(lines).toEqual(['know "Olivia Rousseau" at "Acme Energy" strength 3', 'know "Olivia Rousseau" at Globex strength 3']);
  });

  it('refuses to record a relationship without knowing who asks', async () => {
    const anonymous = environmentWithoutMentions({ ...ctx, actor: null }, translator('en'));
    const reply = replyOf(await run('know Théo Nguyen strength 2', anonymous));
    expect(reply.text).toBe('o2o does not know who you are, so it cannot record your relationships.');
  });

  it('rejects mentions where the surface has none', async () => {
    const reply = replyOf(await run('know <@U123> at Acme Energy strength 2'));
    expect(reply.text).toBe('@mentions do not work here. Type the name instead.');
  });

  it('returns a form with what it could resolve', async () => {
    const result = await run('know Théo Nguyen at Acme Energy');
    expect(result).toEqual({
      kind: 'form',
      request: { form: 'relationship', draft: { account: { id: ids.acme, label: 'Acme Energy' }, contact: { id: ids.theo, label: 'Théo Nguyen' } } },
    });
  });

  it('drafts a new contact for a name it cannot find', async () => {
    const result = await run('know Inès Martin at Acme Energy');
    expect(result.kind).toBe('form');
    expect(result.kind === 'form' ? result.request.draft : undefined).toMatchObject({ contact: { newName: 'Inès Martin' } });
  });

  it('drafts a new account for contact add at an unknown account', async () => {
    const result = await run('contact add at Initech');
    expect(result).toEqual({ kind: 'form', request: { form: 'contact', draft: { account: { newName: 'Initech' } } } });
  });

  it('reads a typo in an account name as the account', async () => {
    const reply = replyOf(await run('contact add "Paul Martin" at Acme Enrgy'));
    expect(reply.text).toBe("Added Paul Martin to Acme Energy. 'Acme Enrgy' was read as Acme Energy.");
  });

  it('splits unquoted names into contact and manager', async () => {
    const reply = replyOf(await run('reports-to Théo Nguyen Paul Martin at Acme Energy'));
    expect(reply.text).toBe('Saved: Théo Nguyen reports to Paul Martin.');
    const [line] = await store.db.select().from(reportingLines).where(eq(reportingLines.contactId, ids.theo!));
    expect(line?.validTo).toBeNull();
  });

  it('keeps the old line as history when the manager changes', async () => {
    const reply = replyOf(await run('reports-to "Théo Nguyen", "Olivia Rousseau" at "Acme Energy"'));
    expect(reply.text).toBe('Saved: Théo Nguyen now reports to Olivia Rousseau. The previous line is kept as history.');
    const lines = await store.db.select().from(reportingLines).where(eq(reportingLines.contactId, ids.theo!));
    expect(lines).toHaveLength(2);
  });

  it('rejects a loop of managers', async () => {
    const reply = replyOf(await run('reports-to "Olivia Rousseau" "Théo Nguyen" at Acme Energy'));
    expect(reply.text).toBe('That reporting line would make a loop (someone would manage their own manager). Check the managers.');
  });

  it('cannot split words that name no two contacts', async () => {
    const reply = replyOf(await run('reports-to Nobody Here Either Way'));
    expect(reply.text).toBe('These words do not read as two known contacts. Quote each name or separate them with a comma.');
  });

  it('looks the second person of influence up in the first one’s account', async () => {
    const reply = replyOf(await run('influence "Théo Nguyen" on "Olivia Rousseau"'));
    expect(reply.text).toBe('Saved: Théo Nguyen influences Olivia Rousseau.');
  });

  it('answers help in French', async () => {
    const french = environmentWithoutMentions({ ...ctx, locale: 'fr' }, translator('fr'));
    const reply = replyOf(await run('help who', french));
    expect(reply.text).toBe('who COMPTE [page N] — qui, chez nous, connaît qui dans un compte');
  });

  describe('forms', () => {
    it('writes nothing when one write of the form fails', async () => {
      const before = await store.db.select().from(contacts).where(eq(contacts.tenantId, ctx.tenantId));
      const outcome = await submitInteractionForm(ctx, translator('en'), {
        account: { id: ids.acme!, label: 'Acme Energy' },
        contacts: [{ newName: 'Half Written' }],
        memberIds: [ids.member!],
        occurredOn: '2026-11-30',
        messageLink: 'not a link',
      });
      expect(outcome).toEqual({ ok: false, errors: { messageLink: 'Must be a web address starting with https://.' } });
      const after = await store.db.select().from(contacts).where(eq(contacts.tenantId, ctx.tenantId));
      expect(after).toHaveLength(before.length);
      expect(await store.db.select().from(interactions).where(eq(interactions.tenantId, ctx.tenantId))).toEqual([]);
    });

    it('creates a new account from the form only once', async () => {
      const first = await submitContactForm(ctx, translator('en'), { account: { newName: 'Umbrella' }, name: 'Alice Abernathy' });
      const second = await submitContactForm(ctx, translator('en'), { account: { newName: 'umbrella' }, name: 'Carlos Oliveira' });
      expect(first.ok).toBe(true);
      expect(second.ok).toBe(true);
      const rows = await store.db.select().from(accounts).where(and(eq(accounts.tenantId, ctx.tenantId), eq(accounts.normalizedName, 'umbrella')));
      expect(rows).toHaveLength(1);
    });

    it('answers in French', async () => {
      const outcome = await submitRelationshipForm({ ...ctx, locale: 'fr' }, translator('fr'), { contact: { id: ids.olivia!, label: 'Olivia Rousseau' }, strength: 5 });
      expect(outcome).toEqual({ ok: true, message: 'Enregistré : vous connaissez Olivia Rousseau, force 5 (confiance totale).' });
    });
  });

  describe('typeahead and overview', () => {
    it('finds accounts and contacts by the start of a name', async () => {
      expect((await searchAccountChoices(ctx, 'acm')).map((choice) => choice.label)).toContain('Acme Energy');
      const people = await searchContactChoices(ctx, 'oliv', { accountId: ids.other! });
      expect(people.map((person) => person.id)).toEqual([ids.otherOlivia]);
    });

    it('lists the stale relationships first', async () => {
      const overview = await loadMemberOverview(ctx, ids.member!);
      // Neither has a last contact date, so the stronger relationship comes first.
      expect(overview.relationships.map((row) => row.contact)).toEqual(['Olivia Rousseau', 'Théo Nguyen']);
      expect(overview.relationships.every((row) => row.stale)).toBe(true);
      expect(overview.accounts).toEqual([{ id: ids.acme, name: 'Acme Energy', relationships: 2 }]);
    });
  });
});
