// Block Kit pieces shared by o2o's modals: texts, options and input blocks.
import type { types } from '@slack/bolt';

import type { Choice } from '../../app/commands/index.js';
import { truncate } from '../render/mrkdwn.js';

// Option text and description accept at most 75 characters, option values 150.
const OPTION_TEXT = 75;
const OPTION_VALUE = 150;
const NEW_PREFIX = 'new:';
const ID_PREFIX = 'id:';

export function plain(text: string, max = 3_000): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

export function option(label: string, value: string, description?: string): types.PlainTextOption {
  return { text: plain(label, OPTION_TEXT), value: value.slice(0, OPTION_VALUE), ...(description && { description: plain(description, OPTION_TEXT) }) };
}

/** Builds the option of an existing record, or of a new one to create under the typed name. */
export function choiceOption(choice: Choice, newLabel: (name: string) => string, description?: string): types.PlainTextOption {
  if ('newName' in choice) return option(newLabel(choice.newName), `${NEW_PREFIX}${choice.newName.slice(0, OPTION_VALUE - NEW_PREFIX.length)}`);
  return option(choice.label, `${ID_PREFIX}${choice.id}`, description);
}

/** Reads an option value back as a choice; the label is the option's text. */
export function choiceOf(selected: { value?: string; text?: { text?: string } } | null | undefined): Choice | undefined {
  const value = selected?.value;
  if (!value) return undefined;
  if (value.startsWith(NEW_PREFIX)) {
    const name = value.slice(NEW_PREFIX.length).trim();
    return name ? { newName: name } : undefined;
  }
  if (value.startsWith(ID_PREFIX)) return { id: value.slice(ID_PREFIX.length), label: selected?.text?.text ?? '' };
  return undefined;
}

export function input(blockId: string, label: string, element: types.InputBlock['element'], options: { optional?: boolean; hint?: string } = {}): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2_000),
    element,
    optional: options.optional ?? false,
    ...(options.hint && { hint: plain(options.hint, 2_000) }),
  };
}

export function textInput(actionId: string, options: { initial?: string; multiline?: boolean; maxLength?: number; placeholder?: string } = {}): types.PlainTextInput {
  const maxLength = options.maxLength ?? 200;
  return {
    type: 'plain_text_input',
    action_id: actionId,
    max_length: maxLength,
    ...(options.multiline && { multiline: true }),
    ...(options.initial && { initial_value: truncate(options.initial, maxLength) }),
    ...(options.placeholder && { placeholder: plain(options.placeholder, 150) }),
  };
}

export function staticSelect(actionId: string, options: types.PlainTextOption[], initialValue?: string): types.StaticSelect {
  const initial = options.find((candidate) => candidate.value === initialValue);
  return { type: 'static_select', action_id: actionId, options, ...(initial && { initial_option: initial }) };
}

export function externalSelect(actionId: string, placeholder: string, initial?: types.PlainTextOption): types.ExternalSelect {
  return { type: 'external_select', action_id: actionId, min_query_length: 0, placeholder: plain(placeholder, 150), ...(initial && { initial_option: initial }) };
}
