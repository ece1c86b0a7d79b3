// Reads a submitted modal's state back into the platform-neutral form inputs.
import type { ContactForm, InfluenceForm, RelationshipForm } from '../../app/commands/index.js';
import { choiceOf } from './elements.js';

interface InputState {
  value?: string | null;
  selected_option?: { value?: string; text?: { text?: string } } | null;
  selected_options?: Array<{ value?: string; text?: { text?: string } }>;
  selected_date?: string | null;
  selected_users?: string[];
}

export type ViewState = Record<string, Record<string, InputState>>;

/** Returns the state of the input whose block_id and action_id are both `name`. */
function field(state: ViewState, name: string): InputState | undefined {
  return state[name]?.[name];
}

/** Returns the text of an input; an empty optional input arrives as null. */
export function textOf(state: ViewState, name: string): string | undefined {
  const value = field(state, name)?.value?.trim();
  return value ? value : undefined;
}

export function selectedOf(state: ViewState, name: string): string | undefined {
  return field(state, name)?.selected_option?.value ?? undefined;
}

export function dateOf(state: ViewState, name: string): string | undefined {
  return field(state, name)?.selected_date ?? undefined;
}

export function usersOf(state: ViewState, name: string): string[] {
  return field(state, name)?.selected_users ?? [];
}

export function choiceIn(state: ViewState, name: string) {
  return choiceOf(field(state, name)?.selected_option);
}

export function choicesIn(state: ViewState, name: string) {
  return (field(state, name)?.selected_options ?? []).flatMap((selected) => {
    const choice = choiceOf(selected);
    return choice ? [choice] : [];
  });
}

function numberOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

export function relationshipFormOf(state: ViewState): RelationshipForm {
  return {
    ...optional('account', choiceIn(state, 'account')),
    ...optional('contact', choiceIn(state, 'contact')),
    ...optional('strength', numberOf(selectedOf(state, 'strength'))),
    ...optional('kind', selectedOf(state, 'kind')),
    ...optional('lastContactOn', dateOf(state, 'lastContactOn')),
    ...optional('visibility', selectedOf(state, 'visibility')),
    ...optional('note', textOf(state, 'note')),
  };
}

export function contactFormOf(state: ViewState): ContactForm {
  return {
    ...optional('account', choiceIn(state, 'account')),
    ...optional('name', textOf(state, 'name')),
    ...optional('title', textOf(state, 'title')),
    ...optional('email', textOf(state, 'email')),
    ...optional('phone', textOf(state, 'phone')),
  };
}

export function influenceFormOf(state: ViewState): InfluenceForm {
  return {
    ...optional('account', choiceIn(state, 'account')),
    ...optional('from', choiceIn(state, 'from')),
    ...optional('to', choiceIn(state, 'to')),
    ...optional('weight', numberOf(selectedOf(state, 'weight'))),
    ...optional('note', textOf(state, 'note')),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
