// Splits a command line into words, quoted phrases and user mentions. Quotes may be straight or
// curly, or French guillemets; an apostrophe inside a word ("L'Oréal", "O’Brien") stays part of it.

export type Token =
  | { kind: 'word'; text: string; quoted: boolean }
  /** A platform user, written `<@U123|name>` or `<@U123>` by Slack. */
  | { kind: 'mention'; userId: string; label?: string };

// Each opening double quote and the quotes that close it; “ and ” also open, since phones type either.
const CLOSING_OF: Record<string, string> = { '"': '"“”', '“': '”“', '”': '”“', '„': '“”', '«': '»' };
const ANY_CLOSING_DOUBLE = '"“”»';
const SINGLE = new Set(["'", '‘', '’', '‚']);
const SPACE = /[\s\u00a0\u202f]/;

/** Tokenises a command line; an unterminated quote runs to the end of the line. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < line.length) {
    const char = line[index]!;
    if (SPACE.test(char)) {
      index++;
      continue;
    }
    if (char === '<') {
      const markup = readMarkup(line, index);
      if (markup) {
        if (markup.token) tokens.push(markup.token);
        index = markup.end;
        continue;
      }
    }
    if (char in CLOSING_OF || SINGLE.has(char)) {
      const quoted = readQuoted(line, index);
      if (quoted) {
        tokens.push({ kind: 'word', text: decodeEntities(quoted.text), quoted: true });
        index = quoted.end;
        continue;
      }
    }
    const end = findWordEnd(line, index);
    tokens.push({ kind: 'word', text: decodeEntities(line.slice(index, end)), quoted: false });
    index = end;
  }
  return tokens;
}

/** Reads Slack markup: user mentions become tokens, links become words, other markup is skipped. */
function readMarkup(line: string, start: number): { token?: Token; end: number } | null {
  const close = line.indexOf('>', start);
  if (close < 0) return null;
  const body = line.slice(start + 1, close);
  const [target = '', label] = splitOnce(body, '|');
  const end = close + 1;

  const user = /^@([UW][A-Z0-9]+)$/.exec(target);
  if (user) return { token: { kind: 'mention', userId: user[1]!, ...(label ? { label: decodeEntities(label) } : {}) }, end };
  if (target.startsWith('mailto:')) return { token: { kind: 'word', text: decodeEntities(target.slice(7)), quoted: true }, end };
  if (target.startsWith('tel:')) return { token: { kind: 'word', text: decodeEntities(label ?? target.slice(4)), quoted: true }, end };
  if (/^https?:\/\//.test(target)) return { token: { kind: 'word', text: decodeEntities(label ?? target), quoted: true }, end };
  if (/^[#!]/.test(target)) return { token: { kind: 'word', text: decodeEntities(label ?? target), quoted: true }, end };
  return null;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * Reads a quoted phrase. A double quote closes on its matching quote, else on any closing double
 * quote. A single quote closes only when followed by a space or the end, so "'O'Brien & Co'"
 * keeps its inner apostrophe.
 */
function readQuoted(line: string, start: number): { text: string; end: number } | null {
  const opening = line[start]!;
  const closing = CLOSING_OF[opening];
  if (closing === undefined) return readSingleQuoted(line, start);
  const end = findClosing(line, start, closing) ?? findClosing(line, start, ANY_CLOSING_DOUBLE);
  // An unterminated double quote runs to the end of the line.
  if (end === undefined) return { text: trimSpaces(line.slice(start + 1)), end: line.length };
  return { text: trimSpaces(line.slice(start + 1, end)), end: end + 1 };
}

function findClosing(line: string, start: number, closing: string): number | undefined {
  for (let index = start + 1; index < line.length; index++) if (closing.includes(line[index]!)) return index;
  return undefined;
}

/** A lone apostrophe at the start of a word is not a quote, so an unclosed one returns null. */
function readSingleQuoted(line: string, start: number): { text: string; end: number } | null {
  for (let index = start + 1; index < line.length; index++) {
    const closes = SINGLE.has(line[index]!) && (index + 1 === line.length || SPACE.test(line[index + 1]!));
    if (closes) return { text: trimSpaces(line.slice(start + 1, index)), end: index + 1 };
  }
  return null;
}

function findWordEnd(line: string, start: number): number {
  let index = start;
  while (index < line.length && !SPACE.test(line[index]!) && !(line[index] === '<' && index > start)) index++;
  return index;
}

function trimSpaces(text: string): string {
  return text.replace(/^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g, '');
}

/** Decodes the three entities Slack escapes in message and command text. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
