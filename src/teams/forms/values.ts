// The content of a form card, shown and sent back: its field values as text, and hidden data (the records
// already picked, the colleagues a message mentioned, the link to that message).
import { z } from 'zod';

import type { Choice, FormKind, FormRequest } from '../../app/commands/index.js';
import { FORM_FIELDS } from './cards.js';

export type FormValues = Record<string, string>;

export interface MentionedPerson {
  name: string;
  /** Microsoft Entra object id of a colleague in our tenant. */
  aadObjectId: string;
}

export interface HiddenFormData {
  /** Records picked before the form opened, by field: kept while the field still shows their label. */
  choices?: Record<string, Array<{ id: string; label: string }>>;
  /** Colleagues named in the message, so their names resolve to Teams users. */
  people?: MentionedPerson[];
  messageLink?: string;
}

const hiddenSchema = z.object({
  choices: z.record(z.array(z.object({ id: z.string().uuid(), label: z.string().max(300) })).max(50)).optional(),
  people: z.array(z.object({ name: z.string().max(300), aadObjectId: z.string().uuid() })).max(50).optional(),
  messageLink: z.string().url().max(1000).optional(),
});

/** Reads the hidden data back from a submission; anything malformed is dropped. */
export function hiddenDataOf(data: Record<string, unknown>): HiddenFormData {
  const parsed = hiddenSchema.safeParse({ choices: data.choices, people: data.people, messageLink: data.messageLink });
  if (!parsed.success) return {};
  const hidden: HiddenFormData = {};
  if (parsed.data.choices) hidden.choices = parsed.data.choices;
  if (parsed.data.people) hidden.people = parsed.data.people;
  if (parsed.data.messageLink) hidden.messageLink = parsed.data.messageLink;
  return hidden;
}

/** Returns the submitted text of each field of a form; other keys are ignored. */
export function submittedValues(kind: FormKind, data: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of FORM_FIELDS[kind]) {
    const value = data[field.name];
    if (typeof value === 'string') values[field.name] = value;
  }
  return values;
}

export function choiceLabel(choice: Choice): string {
  return 'id' in choice ? choice.label : choice.newName;
}

/**
 * Fills a form from a command's draft: picked records show their label and travel hidden, and
 * the colleagues of an interaction (`people`, from the command's mentions) fill its members.
 */
export function valuesFromDraft(request: FormRequest, people: MentionedPerson[] = []): { values: FormValues; hidden: HiddenFormData } {
  const values: FormValues = {};
  const choices: NonNullable<HiddenFormData['choices']> = {};
  const put = (field: string, picked: Choice | Choice[] | undefined) => {
    const list = picked === undefined ? [] : Array.isArray(picked) ? picked : [picked];
    if (list.length === 0) return;
    values[field] = list.map(choiceLabel).join(', ');
    const ids = list.flatMap((choice) => ('id' in choice ? [{ id: choice.id, label: choice.label }] : []));
    if (ids.length > 0) choices[field] = ids;
  };

  const { draft } = request;
  put('account', draft.account);
  switch (request.form) {
    case 'relationship':
      put('contact', request.draft.contact);
      if (request.draft.strength !== undefined) values.strength = String(request.draft.strength);
      break;
    case 'contact':
      for (const field of ['name', 'title', 'email', 'phone'] as const) if (request.draft[field]) values[field] = request.draft[field]!;
      break;
    case 'influence':
      put('from', request.draft.from);
      put('to', request.draft.to);
      if (request.draft.weight !== undefined) values.weight = String(request.draft.weight);
      break;
    case 'interaction':
      put('contacts', request.draft.contacts);
      for (const field of ['occurredOn', 'channel', 'note'] as const) if (request.draft[field]) values[field] = request.draft[field]!;
      if (people.length > 0) values.members = people.map((person) => person.name).join(', ');
      break;
  }
  const hidden: HiddenFormData = {};
  if (Object.keys(choices).length > 0) hidden.choices = choices;
  if (request.form === 'interaction' && people.length > 0) hidden.people = people;
  if (request.form === 'interaction' && request.draft.messageLink) hidden.messageLink = request.draft.messageLink;
  return { values, hidden };
}
