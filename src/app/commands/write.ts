// The write commands typed in full: add a contact, record a relationship, an influence link or a
// reporting line. Each returns a one-line confirmation; missing arguments open a form instead.
import { matchAccountForWrite, type Resolved } from '../lookup.js';
import { upsertContact } from '../contacts.js';
import { AppError } from '../errors.js';
import { logRelationship } from '../relationships.js';
import type { Reply } from '../reply.js';
import { addInfluenceLink, setReportingLine } from '../structure.js';
import type { CommandEnvironment } from './environment.js';
import { accountChoice, accountOfContact, contactChoice, inSlot, resolveAccountSlot, resolveContactRef, splitTwoContacts } from './resolve.js';
import type { Command, CommandResult } from './types.js';

type Of<V extends Command['verb']> = Extract<Command, { verb: V }>;

function confirmation(text: string): CommandResult {
  const reply: Reply = { text, blocks: [{ type: 'text', text }] };
  return { kind: 'reply', reply, shareable: false };
}

function requireActor(env: CommandEnvironment) {
  if (!env.ctx.actor) throw new AppError('forbidden', 'commands.errors.needActor');
  return env.ctx.actor;
}

export async function executeContactAdd(env: CommandEnvironment, command: Of<'contact-add'>): Promise<CommandResult> {
  if (!command.name || !command.account) {
    const account = await accountChoice(env, command.account);
    const draft = { ...(account && { account }), ...(command.name && { name: command.name }), ...(command.title && { title: command.title }), ...(command.email && { email: command.email }), ...(command.phone && { phone: command.phone }) };
    return { kind: 'form', request: { form: 'contact', draft } };
  }

  const existingAccount = await matchAccountForWrite(env.ctx.db, env.ctx.tenantId, command.account);
  const result = await upsertContact(env.ctx, {
    account: command.account,
    name: command.name,
    ...(command.title !== undefined && { title: command.title }),
    ...(command.email !== undefined && { email: command.email }),
    ...(command.phone !== undefined && { phone: command.phone }),
  });
  const params = { name: result.contact.name ?? command.name, account: existingAccount?.label ?? command.account };
  const sentences = [env.t(`commands.done.contact.${result.outcome}`, params)];
  if (!existingAccount) sentences.push(env.t('commands.done.accountCreated', { account: command.account }));
  if (result.correctedAccount) sentences.push(env.t('commands.done.accountCorrected', result.correctedAccount));
  return confirmation(sentences.join(' '));
}

export async function executeKnow(env: CommandEnvironment, command: Of<'know'>): Promise<CommandResult> {
  const actor = requireActor(env);
  const account = command.account ? await resolveAccountSlot(env, command.account) : undefined;

  if (!command.person || command.strength === undefined) {
    const contact = await contactChoice(env, command.person, account?.id);
    const draft = {
      ...(account && { account }),
      ...(contact && { contact }),
      ...(command.strength !== undefined && { strength: command.strength }),
    };
    return { kind: 'form', request: { form: 'relationship', draft } };
  }

  const contact = await resolveContactRef(env, 'person', command.person, account ? { accountId: account.id, createAt: account } : {});
  const { outcome } = await logRelationship(env.ctx, { memberId: actor.memberId, contactId: contact.id, strength: command.strength });
  const strengthLabel = env.t(`strength.${command.strength}`);
  return confirmation(env.t(`commands.done.relationship.${outcome}`, { contact: contact.label, strength: command.strength, strengthLabel }));
}

export async function executeInfluence(env: CommandEnvironment, command: Of<'influence'>): Promise<CommandResult> {
  const account = command.account ? await resolveAccountSlot(env, command.account) : undefined;
  if (!command.from || !command.to) {
    const from = await contactChoice(env, command.from, account?.id);
    const to = await contactChoice(env, command.to, account?.id);
    const draft = { ...(account && { account }), ...(from && { from }), ...(to && { to }), ...(command.weight !== undefined && { weight: command.weight }) };
    return { kind: 'form', request: { form: 'influence', draft } };
  }

  const from = await resolveContactRef(env, 'from', command.from, account ? { accountId: account.id } : {});
  // Links join people of one account, so the second name is looked up in the first one's account.
  const accountId = account?.id ?? (await accountOfContact(env, from.id));
  const to = await resolveContactRef(env, 'to', command.to, { accountId });
  const { outcome } = await addInfluenceLink(env.ctx, { fromContactId: from.id, toContactId: to.id, ...(command.weight !== undefined && { weight: command.weight }) });
  return confirmation(env.t(`commands.done.influence.${outcome}`, { from: from.label, to: to.label }));
}

export async function executeReportsTo(env: CommandEnvironment, command: Of<'reports-to'>): Promise<CommandResult> {
  const account = command.account ? await resolveAccountSlot(env, command.account) : undefined;
  let contact: Resolved;
  let manager: Resolved;
  if (command.people) {
    contact = await resolveContactRef(env, 'contact', command.people[0], account ? { accountId: account.id } : {});
    const accountId = account?.id ?? (await accountOfContact(env, contact.id));
    manager = await resolveContactRef(env, 'manager', command.people[1], { accountId });
  } else {
    [contact, manager] = await inSlot('contact', () => splitTwoContacts(env, command.words ?? [], account?.id));
  }
  const { outcome } = await setReportingLine(env.ctx, { contactId: contact.id, managerId: manager.id });
  return confirmation(env.t(`commands.done.reportingLine.${outcome}`, { contact: contact.label, manager: manager.label }));
}
