// Runs one command line of the shared grammar and returns the card to reply with.
import type { TurnContext } from 'botbuilder';

import { executeCommand, parseCommand, parseFailureReply, revealsRelationships, type Command, type FormRequest } from '../../app/commands/index.js';
import { scopeOf } from '../activity.js';
import { withPicture } from '../cards/picture.js';
import { renderReplyCard, type AdaptiveCard } from '../cards/reply-card.js';
import { formCard } from '../forms/cards.js';
import { committeeFormForCommand, withCommitteeButton } from '../forms/committee.js';
import { valuesFromDraft, type MentionedPerson } from '../forms/values.js';
import type { TeamsTurn } from '../turn.js';
import { charterViewCard } from './charter-view.js';
import { createTeamsEnvironment } from './environment.js';
import type { MentionDirectory } from './mentions.js';

export interface CommandAnswer {
  card: AdaptiveCard;
  summary: string;
  /** The verb run, for the log; undefined when the line did not parse. */
  verb: Command['verb'] | undefined;
  /** The command, when it parsed: paging buttons use it to tell a next page from another reply. */
  command?: Command;
}

/**
 * Parses and runs a line. A line that does not parse gets its usage; a command that needs more
 * detail gets its form. Outside a personal chat, read replies leave out private relationships,
 * because everyone in the conversation sees them.
 */
export async function answerCommand(context: TurnContext, turn: TeamsTurn, line: string, directory: MentionDirectory): Promise<CommandAnswer> {
  const parsed = parseCommand(line);
  if (!parsed.ok) {
    const reply = parseFailureReply({ t: turn.t }, parsed.failure);
    return { card: renderReplyCard(reply, turn.t), summary: reply.text, verb: parsed.failure.verb };
  }

  const command = parsed.command;
  // In Teams, the member's relationships come as the charter card, where visibility can be changed.
  if (command.verb === 'my-relationships') return { ...(await charterViewCard(context, turn, command.page)), verb: command.verb, command };
  const committeeForm = await committeeFormForCommand(turn, command);
  if (committeeForm) return { ...committeeForm, verb: command.verb, command };
  const shared = scopeOf(context.activity) !== 'personal' && revealsRelationships(command);
  const ctx = shared ? { ...turn.app, actor: null } : turn.app;
  const result = await executeCommand(createTeamsEnvironment(context, turn, directory, ctx), command);
  if (result.kind === 'reply') {
    // A power map comes as a picture beside the reply; Teams shows it inside the card.
    const reply = result.file ? await withPicture(result.reply, result.file, turn) : await withCommitteeButton(turn, command, result.reply);
    return { card: renderReplyCard(reply, turn.t), summary: reply.text, verb: command.verb, command };
  }

  const card = draftCard(turn, result.request, directory);
  return { card, summary: turn.t(`teams.forms.titles.${result.request.form}`), verb: command.verb, command };
}

/** Builds the form card of a command's draft; the colleagues a "log" mentions fill its members. */
export function draftCard(turn: TeamsTurn, request: FormRequest, directory: MentionDirectory): AdaptiveCard {
  const people: MentionedPerson[] = [];
  if (request.form === 'interaction') {
    for (const userId of request.draft.memberUserIds ?? []) {
      const profile = directory.get(userId);
      if (profile) people.push({ name: profile.name, aadObjectId: profile.aadObjectId });
    }
  }
  const { values, hidden } = valuesFromDraft(request, people);
  if (request.form === 'interaction' && !values.occurredOn) values.occurredOn = turn.app.now().toISOString().slice(0, 10);
  return formCard(request.form, turn.t, values, hidden);
}
