// Runs a parsed command against the use cases. Every outcome is a reply or a form to open:
// unknown words get the help, lookups that fail get "did you mean" buttons, nothing fails silently.
import { errorReply } from '../error-reply.js';
import { AppError } from '../errors.js';
import type { Reply, ReplyAction } from '../reply.js';
import { executeCharterCommand } from './charter.js';
import { executeDealLine } from './deals.js';
import type { CommandEnvironment } from './environment.js';
import { formatCommand, quoteArgument } from './format.js';
import { helpReply, usageReply } from './help.js';
import { executeJobsCommand } from './jobs.js';
import { executeRead, isReadCommand } from './read.js';
import { executeSettingsCommand } from './settings.js';
import { SlotError, type Slot } from './resolve.js';
import type { Command, CommandResult, ParseFailure, PersonRef } from './types.js';
import { executeContactAdd, executeInfluence, executeKnow, executeReportsTo } from './write.js';

// Commands whose people can be narrowed to an account with "at ACCOUNT".
const VERBS_WITH_ACCOUNT = new Set<Command['verb']>(['who-knows', 'reach', 'know', 'influence', 'reports-to']);

/** Action id of buttons whose value is a command line to run. */
export const RUN_ACTION = 'run';

/** Runs a command. Errors of the use cases come back as replies; only unexpected errors throw. */
export async function executeCommand(env: CommandEnvironment, command: Command): Promise<CommandResult> {
  try {
    return await dispatch(env, command);
  } catch (error) {
    const reply = failureReply(env, command, error);
    if (reply) return { kind: 'reply', reply, shareable: false };
    throw error;
  }
}

async function dispatch(env: CommandEnvironment, command: Command): Promise<CommandResult> {
  if (isReadCommand(command)) return { kind: 'reply', reply: await executeRead(env, command), shareable: true };
  switch (command.verb) {
    case 'digest':
    case 'ask':
      return executeJobsCommand(env, command);
    case 'deal':
    case 'coverage':
    case 'map':
      return executeDealLine(env, command);
    case 'charter':
    case 'my-relationships':
    case 'visibility':
    case 'introduction':
    case 'introductions':
    case 'audit':
      return executeCharterCommand(env, command);
    case 'settings':
      return executeSettingsCommand(env, command);
    case 'help':
      return { kind: 'reply', reply: helpReply(env.t, command.topic), shareable: false };
    case 'contact-add':
      return executeContactAdd(env, command);
    case 'know':
      return executeKnow(env, command);
    case 'influence':
      return executeInfluence(env, command);
    case 'reports-to':
      return executeReportsTo(env, command);
    case 'log':
      return { kind: 'form', request: { form: 'interaction', draft: { memberUserIds: command.mentions, ...(command.note && { note: command.note }) } } };
    default:
      return { kind: 'reply', reply: helpReply(env.t), shareable: false };
  }
}

/** Builds the reply to a line that does not parse: what was wrong, the usage, and a corrected line to run. */
export function parseFailureReply(env: Pick<CommandEnvironment, 't'>, failure: ParseFailure): Reply {
  const { t } = env;
  const sentence = t(failure.messageKey, failure.params ?? {});
  const base = failure.verb ? usageReply(t, failure.verb, sentence) : helpReply(t, undefined, sentence);
  if (failure.usage) base.blocks.splice(1, 0, { type: 'context', text: t('deals.errors.usage', { usage: failure.usage }) });
  if (!failure.correction) return { ...base, error: { code: 'invalid_input' } };
  const action: ReplyAction = { id: RUN_ACTION, label: t('commands.didYouMeanCommand', { command: failure.correction }), value: failure.correction, style: 'primary' };
  return { ...base, blocks: [base.blocks[0]!, { type: 'actions', actions: [action] }, ...base.blocks.slice(1)], error: { code: 'invalid_input' } };
}

/** Builds the error reply of a failed command; returns null for an error that is not the user's to fix. */
function failureReply(env: CommandEnvironment, command: Command, error: unknown): Reply | null {
  const slot = error instanceof SlotError ? error.slot : undefined;
  const cause = error instanceof SlotError ? error.error : error;
  if (!(cause instanceof AppError)) return null;

  const reply = errorReply(cause, env.t);
  const actions = slot ? retryActions(command, slot, cause) : [];
  const offer = addContactOffer(env, command, slot, cause);
  if (offer) actions.push(offer);
  if (actions.length > 0) reply.blocks.push({ type: 'actions', actions });
  return reply;
}

/**
 * Builds one "did you mean" button per suggestion, each running the command with the suggested
 * name. A contact's suggestion also names its account, so namesakes at two accounts get two lines.
 */
function retryActions(command: Command, slot: Slot, error: AppError): ReplyAction[] {
  const takesAccount = slot !== 'account' && VERBS_WITH_ACCOUNT.has(command.verb);
  return error.suggestions.map((suggestion) => {
    const account = takesAccount && suggestion.detail ? suggestion.detail : undefined;
    return {
      id: 'retry',
      label: suggestion.detail ? `${suggestion.label} (${suggestion.detail})` : suggestion.label,
      value: formatCommand(withSlot(command, slot, suggestion.label, account)),
    };
  });
}

/** Replaces the argument in `slot` by a suggested name (and its account), for the "did you mean" buttons. */
function withSlot(command: Command, slot: Slot, label: string, account?: string): Command {
  const person: PersonRef = { kind: 'name', text: label };
  if (account) command = { ...command, account } as Command;
  switch (slot) {
    case 'account':
      return { ...command, account: label } as Command;
    case 'person':
      return 'person' in command ? ({ ...command, person } as Command) : command;
    case 'from':
      return command.verb === 'influence' ? { ...command, from: person } : command;
    case 'to':
      return command.verb === 'influence' ? { ...command, to: person } : command;
    case 'contact':
    case 'manager':
      if (command.verb !== 'reports-to' || !command.people) return command;
      return { ...command, people: slot === 'contact' ? [person, command.people[1]] : [command.people[0], person] };
  }
}

/** Offers a button that adds an unknown person to the named account, when "know" cannot find them. */
function addContactOffer(env: CommandEnvironment, command: Command, slot: Slot | undefined, error: AppError): ReplyAction | null {
  if (command.verb !== 'know' || slot !== 'person' || error.code !== 'not_found') return null;
  if (command.person?.kind !== 'name' || !command.account) return null;
  const line = `contact add ${quoteArgument(command.person.text)} at ${quoteArgument(command.account)}`;
  return { id: RUN_ACTION, label: env.t('commands.addContactOffer', { name: command.person.text, account: command.account }), value: line };
}
