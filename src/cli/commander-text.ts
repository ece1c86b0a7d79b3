// Commander's own texts (help headings and usage errors) in the reader's language, through
// commander's configuration hooks. The patterns follow the messages of commander 14.0.
import { Help, type Command, type Option } from 'commander';

import type { Translate } from '../i18n/index.js';

/** Commander's error sentences, each with the catalogue key that translates it. */
const ERRORS: ReadonlyArray<[RegExp, string]> = [
  [/^error: unknown command '(?<name>.*)'$/s, 'unknownCommand'],
  [/^error: unknown option '(?<name>.*)'$/s, 'unknownOption'],
  [/^error: missing required argument '(?<name>.*)'$/s, 'missingArgument'],
  [/^error: option '(?<name>.*)' argument missing$/s, 'optionMissingArgument'],
  [/^error: required option '(?<name>.*)' not specified$/s, 'missingOption'],
  [/^error: too many arguments for '(?<name>.*)'\. Expected (?<expected>\d+) arguments? but got (?<count>\d+)\.$/s, 'excessArguments'],
  [/^error: too many arguments\. Expected (?<expected>\d+) arguments? but got (?<count>\d+)\.$/s, 'excessArgumentsTop'],
  [/^error: option '(?<name>.*)' argument '(?<value>.*)' is invalid\. Allowed choices are (?<choices>.*)\.$/s, 'invalidChoice'],
  [/^error: command-argument value '(?<value>.*)' is invalid for argument '(?<name>.*)'\. Allowed choices are (?<choices>.*)\.$/s, 'invalidArgumentChoice'],
];

/**
 * Translates one error message of commander, with its "(Did you mean …?)" line. A message that
 * no pattern matches is returned as it is, in English.
 */
export function translateCommanderError(text: string, t: Translate): string {
  const [sentence = '', ...rest] = text.replace(/\n$/, '').split('\n');
  const known = ERRORS.map(([pattern, key]) => ({ match: pattern.exec(sentence), key })).find(({ match }) => match);
  if (!known?.match) return text;

  const lines = [t(`cli.commander.${known.key}`, { ...known.match.groups })];
  for (const line of rest) lines.push(translateSuggestion(line, t));
  return `${lines.join('\n')}\n`;
}

function translateSuggestion(line: string, t: Translate): string {
  const several = /^\(Did you mean one of (?<suggestions>.*)\?\)$/.exec(line);
  if (several) return t('cli.commander.didYouMeanOneOf', { suggestions: several.groups!.suggestions });
  const single = /^\(Did you mean (?<suggestion>.*)\?\)$/.exec(line);
  if (single) return t('cli.commander.didYouMean', { suggestion: single.groups!.suggestion });
  return line;
}

/**
 * Sets the help headings and the error output of a program in the reader's language. Call it
 * before adding commands: commander copies both settings into each command it creates.
 */
export function translateCommander(program: Command, t: Translate): Command {
  return program
    .configureHelp({
      styleTitle: (title) => t(`query.cli.headings.${title.replace(/:$/, '').replace(/ /g, '')}`, { defaultValue: title }),
      optionDescription: (option) => describeOption(option, t),
    })
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(translateCommanderError(text, t)),
    });
}

/**
 * Describes an option with its allowed values in the reader's language. An option with a default,
 * a preset or an environment variable, which o2o's commands do not use, keeps commander's English.
 */
function describeOption(option: Option, t: Translate): string {
  const plain = option.defaultValue === undefined && option.presetArg === undefined && option.envVar === undefined;
  if (!option.argChoices || !plain) return new Help().optionDescription(option);
  const choices = t('cli.commander.choices', { choices: option.argChoices.map((choice) => JSON.stringify(choice)).join(', ') });
  return option.description ? `${option.description} (${choices})` : `(${choices})`;
}
