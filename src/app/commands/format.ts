// Writes a command back as a line that parseCommand reads to the same command: the value of
// "show more", "share" and "did you mean" buttons.
import { tokenize } from './tokenize.js';
import { verbText } from './grammar.js';
import type { Command, PersonRef } from './types.js';

const ALL_KEYWORDS = new Set(['at', 'page', 'strength', 'on', 'weight', 'title', 'email', 'phone', 'add']);

/** Quotes a value when it would not read back as one plain phrase. */
export function quoteArgument(text: string): string {
  const tokens = tokenize(text);
  const plain =
    tokens.length === 1 &&
    tokens[0]!.kind === 'word' &&
    !tokens[0]!.quoted &&
    tokens[0]!.text === text &&
    !ALL_KEYWORDS.has(text.toLowerCase()) &&
    !text.includes(',');
  if (plain) return text;
  // Straight double quotes cannot appear inside straight quotes; curly ones can.
  return text.includes('"') ? `“${text.replace(/[“”]/g, '')}”` : `"${text}"`;
}

function person(ref: PersonRef): string {
  if (ref.kind === 'mention') return ref.label ? `<@${ref.userId}|${ref.label}>` : `<@${ref.userId}>`;
  return quoteArgument(ref.text);
}

function clause(keyword: string, value: string | number | undefined): string {
  return value === undefined ? '' : ` ${keyword} ${typeof value === 'number' ? value : quoteArgument(value)}`;
}

/** Formats a command as a line the grammar parses back to it. */
export function formatCommand(command: Command): string {
  // Digest, ask, deal, coverage and map commands keep the line as typed.
  if ('line' in command) return command.line;
  const verb = verbText(command.verb);
  switch (command.verb) {
    case 'help':
      return command.topic ? `help ${verbText(command.topic)}` : 'help';
    case 'who':
    case 'contacts':
      return `${verb} ${quoteArgument(command.account)}${command.page > 1 ? ` page ${command.page}` : ''}`;
    case 'who-knows':
    case 'reach':
      return `${verb} ${person(command.person)}${clause('at', command.account)}`;
    case 'contact-add':
      return `${verb}${command.name ? ` ${quoteArgument(command.name)}` : ''}${clause('at', command.account)}${clause('title', command.title)}${clause('email', command.email)}${clause('phone', command.phone)}`;
    case 'know':
      return `${verb}${command.person ? ` ${person(command.person)}` : ''}${clause('at', command.account)}${clause('strength', command.strength)}`;
    case 'influence':
      return `${verb}${command.from ? ` ${person(command.from)}` : ''}${command.to ? ` on ${person(command.to)}` : ''}${clause('at', command.account)}${clause('weight', command.weight)}`;
    case 'reports-to': {
      let people = '';
      if (command.people) people = ` ${person(command.people[0])} ${person(command.people[1])}`;
      else if (command.words) people = ` ${command.words.join(' ')}`;
      return `${verb}${people}${clause('at', command.account)}`;
    }
    case 'log':
      return `${verb}${command.note ? ` ${command.note}` : ''}`;
  }
}
