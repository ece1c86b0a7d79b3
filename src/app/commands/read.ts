// The read commands (who, who-knows, reach, contacts). Each runs its query and returns the
// presenter's reply.
import { presentContacts, presentMemberKnows, presentReach, presentWhoKnows, presentWhoKnowsWhom } from '../present/queries.js';
import { howToReach, listContacts, whoKnows, whoKnowsWhomAt, whomDoesMemberKnow } from '../queries.js';
import type { Reply } from '../reply.js';
import type { CommandEnvironment } from './environment.js';
import { inSlot, resolveContactRef } from './resolve.js';
import type { Command } from './types.js';

/** Rows per page of the paged replies of "who" and "contacts". "Show more" requests the next page. */
export const PAGE_SIZE = 10;

type ReadCommand = Extract<Command, { verb: 'who' | 'who-knows' | 'reach' | 'contacts' }>;

export function isReadCommand(command: Command): command is ReadCommand {
  return command.verb === 'who' || command.verb === 'who-knows' || command.verb === 'reach' || command.verb === 'contacts';
}

/**
 * Whether a command's answer shows relationships: the read commands, and the deal commands that
 * show a deal, its coverage or its power map. In a conversation others can see, such answers are
 * computed as an anonymous viewer so no private relationship reaches them.
 */
export function revealsRelationships(command: Command): boolean {
  if (isReadCommand(command)) return true;
  if (command.verb !== 'deal' && command.verb !== 'coverage' && command.verb !== 'map') return false;
  const { action } = command.action;
  return action === 'show' || action === 'list' || action === 'coverage' || action === 'map';
}

/** Runs a read command; lookup errors come back tagged with the argument that failed. */
export async function executeRead(env: CommandEnvironment, command: ReadCommand): Promise<Reply> {
  const { ctx, t } = env;
  switch (command.verb) {
    case 'who': {
      const page = { offset: (command.page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
      const result = await inSlot('account', () => whoKnowsWhomAt(ctx, command.account, page));
      return presentWhoKnowsWhom(result, t, ctx.locale);
    }
    case 'contacts': {
      const page = { offset: (command.page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
      const result = await inSlot('account', () => listContacts(ctx, command.account, page));
      return presentContacts(result, t, ctx.locale);
    }
    case 'who-knows': {
      const options = command.account ? { account: command.account } : {};
      if (command.person.kind === 'mention') {
        // A mentioned colleague: whom do they know?
        const userId = command.person.userId;
        const member = await inSlot('person', () => env.memberForUser(userId));
        const result = await inSlot('person', () => whomDoesMemberKnow(ctx, member.email ?? member.name, options));
        return presentMemberKnows(result, t, ctx.locale);
      }
      const text = command.person.text;
      const result = await inSlot('person', () => whoKnows(ctx, text, options));
      return presentWhoKnows(result, t, ctx.locale);
    }
    case 'reach': {
      const options = command.account ? { account: command.account } : {};
      let query = command.person.kind === 'name' ? command.person.text : undefined;
      if (command.person.kind === 'mention') query = (await resolveContactRef(env, 'person', command.person)).label;
      const result = await inSlot('person', () => howToReach(ctx, query!, options));
      return presentReach(result, t, ctx.locale);
    }
  }
}
