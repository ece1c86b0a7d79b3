import { describe, expect, it } from 'vitest';

import { formatCommand, quoteArgument } from '../../src/app/commands/format.js';
import { parseCommand } from '../../src/app/commands/grammar.js';
import { tokenize } from '../../src/app/commands/tokenize.js';
import type { Command } from '../../src/app/commands/types.js';

function parsed(line: string): Command {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`expected ${line} to parse, got ${result.failure.messageKey}`);
  return result.command;
}

function failure(line: string) {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`expected ${line} to fail, got ${JSON.stringify(result.command)}`);
  return result.failure;
}

describe('tokenize', () => {
  it('reads straight, curly and guillemet quotes', () => {
    expect(tokenize('who "Société Générale"')).toEqual([
      { kind: 'word', text: 'who', quoted: false },
      { kind: 'word', text: 'Société Générale', quoted: true },
    ]);
    expect(tokenize('who “Société Générale”')[1]).toEqual({ kind: 'word', text: 'Société Générale', quoted: true });
    expect(tokenize('who « Société Générale »')[1]).toEqual({ kind: 'word', text: 'Société Générale', quoted: true });
    expect(tokenize("who 'Acme Energy'")[1]).toEqual({ kind: 'word', text: 'Acme Energy', quoted: true });
    expect(tokenize('who ‘Acme Energy’')[1]).toEqual({ kind: 'word', text: 'Acme Energy', quoted: true });
  });

  it('keeps apostrophes inside words', () => {
    expect(tokenize("who L'Oréal")[1]).toEqual({ kind: 'word', text: "L'Oréal", quoted: false });
    expect(tokenize('reach Sinéad O’Brien')[2]).toEqual({ kind: 'word', text: 'O’Brien', quoted: false });
    expect(tokenize("who 'O'Brien & Sons'")[1]).toEqual({ kind: 'word', text: "O'Brien & Sons", quoted: true });
  });

  it('reads Slack mentions with and without a name', () => {
    expect(tokenize('know <@U123|hélène> at Acme')[1]).toEqual({ kind: 'mention', userId: 'U123', label: 'hélène' });
    expect(tokenize('know <@W0ABC>')[1]).toEqual({ kind: 'mention', userId: 'W0ABC' });
  });

  it('reads links, e-mail links and entities', () => {
    expect(tokenize('contact add Théo <mailto:theo@acme.example|theo@acme.example>')[3]).toEqual({ kind: 'word', text: 'theo@acme.example', quoted: true });
    expect(tokenize('who AT&amp;T')[1]).toEqual({ kind: 'word', text: 'AT&T', quoted: false });
  });

  it('runs an unterminated double quote to the end', () => {
    expect(tokenize('who "Acme Energy')[1]).toEqual({ kind: 'word', text: 'Acme Energy', quoted: true });
  });

  it('treats no-break spaces as spaces', () => {
    expect(tokenize('who\u00a0Acme')).toHaveLength(2);
  });
});

describe('parseCommand', () => {
  it('reads who with quoted and unquoted names', () => {
    expect(parsed('who "Société Générale"')).toEqual({ verb: 'who', account: 'Société Générale', page: 1 });
    expect(parsed('who Société Générale')).toEqual({ verb: 'who', account: 'Société Générale', page: 1 });
    expect(parsed('WHO at Acme Energy page 3')).toEqual({ verb: 'who', account: 'Acme Energy', page: 3 });
  });

  it('reads who-knows with a name, a mention and an account', () => {
    expect(parsed('who-knows Théo Nguyen')).toEqual({ verb: 'who-knows', person: { kind: 'name', text: 'Théo Nguyen' } });
    expect(parsed('who-knows <@U123|hélène>')).toEqual({ verb: 'who-knows', person: { kind: 'mention', userId: 'U123', label: 'hélène' } });
    expect(parsed('who-knows "Olivia" at Acme')).toEqual({ verb: 'who-knows', person: { kind: 'name', text: 'Olivia' }, account: 'Acme' });
  });

  it('reads reach and contacts', () => {
    expect(parsed('reach Olivia Rousseau at "Acme Energy"')).toEqual({ verb: 'reach', person: { kind: 'name', text: 'Olivia Rousseau' }, account: 'Acme Energy' });
    expect(parsed('contacts HM Treasury page 2')).toEqual({ verb: 'contacts', account: 'HM Treasury', page: 2 });
  });

  it('reads contact add with every clause', () => {
    expect(parsed('contact add "Théo Nguyen" at Acme Energy title "Mgr Trading" email theo@acme.example phone "+33 6 12 34 56 78"')).toEqual({
      verb: 'contact-add',
      name: 'Théo Nguyen',
      account: 'Acme Energy',
      title: 'Mgr Trading',
      email: 'theo@acme.example',
      phone: '+33 6 12 34 56 78',
    });
  });

  it('reads a title after a comma and a bare e-mail in contact add', () => {
    expect(parsed('contact add Théo Nguyen, Mgr Trading theo@acme.example at Acme')).toEqual({
      verb: 'contact-add',
      name: 'Théo Nguyen',
      title: 'Mgr Trading',
      email: 'theo@acme.example',
      account: 'Acme',
    });
  });

  it('reads contact add without arguments', () => {
    expect(parsed('contact add')).toEqual({ verb: 'contact-add' });
  });

  it('rejects contact without add', () => {
    expect(failure('contact Théo').messageKey).toBe('commands.errors.contactAdd');
  });

  it('reads know with a mention, account and strength', () => {
    expect(parsed('know <@U123|hélène> at Acme strength 4')).toEqual({
      verb: 'know',
      person: { kind: 'mention', userId: 'U123', label: 'hélène' },
      account: 'Acme',
      strength: 4,
    });
    expect(parsed('know Théo Nguyen strength 5/5')).toEqual({ verb: 'know', person: { kind: 'name', text: 'Théo Nguyen' }, strength: 5 });
    expect(parsed('know')).toEqual({ verb: 'know' });
  });

  it('rejects a strength out of range', () => {
    const result = failure('know Théo strength 7');
    expect(result.messageKey).toBe('commands.errors.invalidStrength');
    expect(result.verb).toBe('know');
    expect(result.params).toEqual({ value: '7' });
  });

  it('reads influence with weights in several forms', () => {
    expect(parsed('influence Théo Nguyen on Olivia Rousseau')).toEqual({
      verb: 'influence',
      from: { kind: 'name', text: 'Théo Nguyen' },
      to: { kind: 'name', text: 'Olivia Rousseau' },
    });
    expect(parsed('influence Théo on Olivia weight 0,8')).toMatchObject({ weight: 0.8 });
    expect(parsed('influence Théo on Olivia weight 75%')).toMatchObject({ weight: 0.75 });
    expect(failure('influence Théo on Olivia weight 3').messageKey).toBe('commands.errors.invalidWeight');
  });

  it('reads reports-to with quotes, a comma, mentions and bare words', () => {
    expect(parsed('reports-to "Théo Nguyen" "Olivia Rousseau"')).toEqual({
      verb: 'reports-to',
      people: [
        { kind: 'name', text: 'Théo Nguyen' },
        { kind: 'name', text: 'Olivia Rousseau' },
      ],
    });
    expect(parsed('reports-to Théo Nguyen, Olivia Rousseau at Acme')).toEqual({
      verb: 'reports-to',
      people: [
        { kind: 'name', text: 'Théo Nguyen' },
        { kind: 'name', text: 'Olivia Rousseau' },
      ],
      account: 'Acme',
    });
    expect(parsed('reports-to Théo Olivia')).toMatchObject({ people: [{ text: 'Théo' }, { text: 'Olivia' }] });
    expect(parsed('reports-to Théo Nguyen Olivia Rousseau')).toEqual({ verb: 'reports-to', words: ['Théo', 'Nguyen', 'Olivia', 'Rousseau'] });
    expect(failure('reports-to Théo').messageKey).toBe('commands.errors.missingPeople');
  });

  it('reads curly-quoted names with apostrophes', () => {
    expect(parsed('reports-to “Sinéad O’Brien” “Jean d’Ormesson”')).toMatchObject({
      people: [{ text: 'Sinéad O’Brien' }, { text: 'Jean d’Ormesson' }],
    });
  });

  it('reads log with mentions and a note', () => {
    expect(parsed('log lunch with <@U1|marc> and <@U2> about renewal')).toEqual({
      verb: 'log',
      mentions: ['U1', 'U2'],
      note: 'lunch with @marc and @U2 about renewal',
    });
    expect(parsed('log')).toEqual({ verb: 'log', mentions: [] });
  });

  it('reads help and an empty line', () => {
    expect(parsed('')).toEqual({ verb: 'help' });
    expect(parsed('help')).toEqual({ verb: 'help' });
    expect(parsed('help know')).toEqual({ verb: 'help', topic: 'know' });
  });

  it('lets quotes protect keywords inside names', () => {
    expect(parsed('know "Jean at Home" at Acme strength 2')).toMatchObject({ person: { text: 'Jean at Home' }, account: 'Acme' });
  });

  it('suggests a close verb for a typo', () => {
    const result = failure('woh "Acme Energy"');
    expect(result.messageKey).toBe('commands.errors.unknownVerb');
    expect(result.correction).toBe('who "Acme Energy"');
  });

  it('gives no correction for an unrelated word', () => {
    expect(failure('bonjour').correction).toBeUndefined();
  });

  it('rejects a missing account', () => {
    expect(failure('who').messageKey).toBe('commands.errors.missingAccount');
    expect(failure('contacts page 2').messageKey).toBe('commands.errors.missingAccount');
  });

  it('rejects an invalid page', () => {
    expect(failure('who Acme page two').messageKey).toBe('commands.errors.invalidPage');
  });

  it('rejects a repeated keyword', () => {
    expect(failure('know Théo at Acme at Globex').messageKey).toBe('commands.errors.repeated');
  });

  it('rejects a mention mixed with words', () => {
    expect(failure('who-knows <@U1> Nguyen').messageKey).toBe('commands.errors.mentionAlone');
  });

  it('rejects a mention as an account', () => {
    expect(failure('who <@U1>').messageKey).toBe('commands.errors.mentionNotAllowed');
  });
});

describe('formatCommand', () => {
  const lines = [
    'who "Société Générale" page 2',
    'who Acme',
    'who-knows <@U123|hélène> at "Acme Energy"',
    'reach "Olivia Rousseau"',
    'contact add "Théo Nguyen" at Acme title "Mgr Trading" email theo@acme.example',
    'know "Théo Nguyen" at Acme strength 4',
    'influence Théo on Olivia weight 0.8',
    'reports-to "Théo Nguyen" "Olivia Rousseau" at Acme',
    "who L'Oréal",
    'who "at"',
  ];

  it.each(lines)('reads back %s', (line) => {
    const command = parsed(line);
    expect(parsed(formatCommand(command))).toEqual(command);
  });

  it('quotes names with straight quotes inside', () => {
    expect(quoteArgument('The "Big" Bank')).toBe('“The "Big" Bank”');
    expect(parsed(`who ${quoteArgument('The "Big" Bank')}`)).toMatchObject({ account: 'The "Big" Bank' });
  });
});
