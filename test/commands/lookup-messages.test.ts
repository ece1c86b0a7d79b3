// What a chat user reads when a name picks no single record: several people share a first name,
// several accounts share a word, the tenant has nothing yet, or the name has a typo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../../src/app/accounts.js';
import { createDeal } from '../../src/app/deals.js';
import { environmentWithoutMentions, executeCommand, parseCommand } from '../../src/app/commands/index.js';
import { upsertContact } from '../../src/app/contacts.js';
import type { AppContext } from '../../src/app/context.js';
import { describeError } from '../../src/app/error-reply.js';
import { resolveMember } from '../../src/app/lookup.js';
import { upsertMember } from '../../src/app/members.js';
import { translator } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/database.js';
import { createTestTenant, openTestStore, testContext } from '../helpers/store.js';

describe('lookup messages', () => {
  let store: Store;
  let ctx: AppContext;
  let emptyCtx: AppContext;

  beforeAll(async () => {
    store = await openTestStore();
    const tenantId = await createTestTenant(store, 'lookup-messages');
    const base = testContext(store, tenantId);
    const { member } = await upsertMember(base, { name: 'Hélène Caron', email: 'helene.caron@northwind.example' });
    await upsertMember(base, { name: 'Hélène Martin', email: 'helene.martin@northwind.example' });
    ctx = testContext(store, tenantId, { actor: { memberId: member.id, name: member.name } });
    const acme = (await createAccount(ctx, { name: 'Acme Energy' })).id;
    await createAccount(ctx, { name: 'Acme Retail' });
    await upsertContact(ctx, { accountId: acme, name: 'Hugo Wood' });
    await upsertContact(ctx, { accountId: acme, name: 'Hugo Martinez' });
    await upsertContact(ctx, { accountId: acme, name: 'Olivia Rousseau' });
    await createDeal(ctx, { accountId: acme, name: 'Trading platform' });
    await createDeal(ctx, { accountId: acme, name: 'Trading desk' });

    emptyCtx = testContext(store, await createTestTenant(store, 'lookup-empty'));
  });

  afterAll(() => store.close());

  async function replyTo(line: string, context = ctx, locale: 'en' | 'fr' = 'en') {
    const parsed = parseCommand(line);
    if (!parsed.ok) throw new Error(parsed.failure.messageKey);
    const result = await executeCommand(environmentWithoutMentions({ ...context, locale }, translator(locale)), parsed.command);
    if (result.kind !== 'reply') throw new Error(`expected a reply, got the ${result.request.form} form`);
    return result.reply;
  }

  it('lists deals sharing a word', async () => {
    const reply = await replyTo('deal show Trading');
    expect(reply.error?.code).toBe('ambiguous');
    expect(reply.text).toMatch(/^'Trading' matches several deals: /);
    expect(reply.text).toContain("'Trading platform' (Acme Energy)");
    expect(reply.text).toContain("'Trading desk' (Acme Energy)");
    expect(reply.text).not.toContain('Did you mean');
  });

  it('lists contacts sharing a first name', async () => {
    const reply = await replyTo('reach Hugo');
    expect(reply.error?.code).toBe('ambiguous');
    expect(reply.text).toMatch(/^'Hugo' matches several contacts: 'Hugo (Wood|Martinez)' \(Acme Energy\) or 'Hugo (Wood|Martinez)' \(Acme Energy\)\. /);
    expect(reply.text).toContain("'Hugo Wood' (Acme Energy)");
    expect(reply.text).toContain("'Hugo Martinez' (Acme Energy)");
    expect(reply.text).toMatch(/Give the full name, or add the account \(--account on the command line, at ACCOUNT in chat\)\.$/);
    expect(reply.text).not.toContain('Did you mean');
  });

  it('lists contacts sharing a first name in French', async () => {
    const reply = await replyTo('reach Hugo', ctx, 'fr');
    expect(reply.text).toMatch(/^« Hugo » correspond à plusieurs contacts : « Hugo (Wood|Martinez) » \(Acme Energy\) ou « Hugo (Wood|Martinez) » \(Acme Energy\)\. /);
    expect(reply.text).toMatch(/Indiquez le nom complet, ou précisez le compte \(--account en ligne de commande, at COMPTE dans le chat\)\.$/);
  });

  it('keeps did-you-mean for a typo', async () => {
    const reply = await replyTo('reach Olivia Rousseu');
    expect(reply.error?.code).toBe('not_found');
    expect(reply.text).toBe("No contact matches 'Olivia Rousseu'. Did you mean 'Olivia Rousseau' (Acme Energy)?");
  });

  it('lists accounts sharing a word', async () => {
    const reply = await replyTo('who Acme');
    expect(reply.error?.code).toBe('ambiguous');
    expect(reply.text).toMatch(/^'Acme' matches several accounts: 'Acme (Energy|Retail)' or 'Acme (Energy|Retail)'\. Give the full name\.$/);
  });

  /** Returns the sentence a member lookup fails with. Chat commands such as `audit actor` look members up. */
  async function memberError(query: string, context: AppContext, locale: 'en' | 'fr' = 'en'): Promise<string> {
    const error = await resolveMember(context, query).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (!error) throw new Error(`'${query}' resolved`);
    return describeError(error, translator(locale));
  }

  it('lists members sharing a first name', async () => {
    const text = await memberError('Hélène', ctx);
    expect(text).toContain("'Hélène' matches several members of our team: ");
    expect(text).toContain("'Hélène Caron' (helene.caron@northwind.example)");
    expect(text).toContain("'Hélène Martin' (helene.martin@northwind.example)");
    expect(text).toMatch(/Give the full name or the e-mail address\.$/);
  });

  it('tells chat users how to fill an empty tenant', async () => {
    const account = await replyTo('who Acme', emptyCtx);
    expect(account.error?.code).toBe('not_found');
    expect(account.text).toBe(
      "No account matches 'Acme': there are no accounts yet. Ask an admin to import your accounts and contacts, or import a file with the o2o command line (o2o import FILE).",
    );
    const contact = await replyTo('reach Hugo', emptyCtx);
    expect(contact.text).toBe(
      "No contact matches 'Hugo': there are no contacts yet. Ask an admin to import your accounts and contacts, or import a file with the o2o command line (o2o import FILE).",
    );
    expect(await memberError('Bob', emptyCtx, 'fr')).toBe(
      'Aucun membre de l’équipe ne correspond à « Bob » : l’équipe n’a encore aucun membre. Demandez à un administrateur d’importer vos relations, ce qui ajoute les membres qui les détiennent, ou importez un fichier avec la ligne de commande o2o (o2o import FICHIER).',
    );
  });

  it('keeps not-found without a hint when the tenant has records', async () => {
    const reply = await replyTo('who Zzyzx Corporation');
    expect(reply.text).toBe("No account matches 'Zzyzx Corporation'.");
  });
});
