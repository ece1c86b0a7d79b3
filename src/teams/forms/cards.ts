// The Adaptive Card forms (log a relationship, add a contact, log influence, log an interaction),
// shown in a message or in a message-extension dialog, with each error next to its field.
import type { FormKind } from '../../app/commands/index.js';
import { INTERACTION_CHANNELS } from '../../app/interactions.js';
import { RELATIONSHIP_KINDS, VISIBILITIES } from '../../app/relationships.js';
import type { Translate } from '../../i18n/index.js';
import { emptyCard, textBlock, type AdaptiveCard, type CardElement } from '../cards/reply-card.js';
import type { FormValues, HiddenFormData } from './values.js';

/** `verb` of the Save button's data: a form submission. */
export const FORM_VERB = 'o2o.form';
/** `verb` of the button that closes a dialog. */
export const CLOSE_VERB = 'o2o.close';

/** Sentences to show: one per field, and `form` above every field. */
export type FormErrors = Record<string, string | undefined> & { form?: string | undefined };

type FieldType = 'text' | 'longText' | 'email' | 'phone' | 'date' | 'strength' | 'relationshipKind' | 'visibility' | 'weight' | 'channel';

interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  maxLength?: number;
  /** Placeholder key under teams.forms.placeholders. */
  placeholder?: boolean;
}

export const FORM_FIELDS: Record<FormKind, FieldSpec[]> = {
  relationship: [
    { name: 'contact', type: 'text', required: true, maxLength: 200 },
    { name: 'account', type: 'text', maxLength: 200 },
    { name: 'strength', type: 'strength', required: true },
    { name: 'kind', type: 'relationshipKind' },
    { name: 'lastContactOn', type: 'date' },
    { name: 'visibility', type: 'visibility' },
    { name: 'note', type: 'longText', maxLength: 2000 },
  ],
  contact: [
    { name: 'account', type: 'text', required: true, maxLength: 200 },
    { name: 'name', type: 'text', maxLength: 200 },
    { name: 'title', type: 'text', maxLength: 300 },
    { name: 'email', type: 'email', maxLength: 320 },
    { name: 'phone', type: 'phone', maxLength: 50 },
  ],
  influence: [
    { name: 'from', type: 'text', required: true, maxLength: 200 },
    { name: 'to', type: 'text', required: true, maxLength: 200 },
    { name: 'account', type: 'text', maxLength: 200 },
    { name: 'weight', type: 'weight' },
    { name: 'note', type: 'longText', maxLength: 2000 },
  ],
  interaction: [
    { name: 'occurredOn', type: 'date', required: true },
    { name: 'channel', type: 'channel' },
    { name: 'contacts', type: 'text', required: true, maxLength: 1000, placeholder: true },
    { name: 'account', type: 'text', maxLength: 200 },
    { name: 'members', type: 'text', maxLength: 1000, placeholder: true },
    { name: 'note', type: 'longText', maxLength: 4000 },
  ],
};

/** Returns the form kind a submission names, if it is one. */
export function formKindOf(value: unknown): FormKind | undefined {
  return typeof value === 'string' && Object.hasOwn(FORM_FIELDS, value) ? (value as FormKind) : undefined;
}

const WEIGHTS = ['0.25', '0.5', '0.75', '1'];

/** Choices of a relationship strength, strongest first. */
export function strengthChoices(t: Translate): Array<{ title: string; value: string }> {
  return ['5', '4', '3', '2', '1'].map((value) => ({ title: `${value} · ${t(`strength.${value}`)}`, value }));
}

function choicesOf(type: FieldType, t: Translate): Array<{ title: string; value: string }> | undefined {
  switch (type) {
    case 'strength':
      return strengthChoices(t);
    case 'relationshipKind':
      return RELATIONSHIP_KINDS.map((value) => ({ title: t(`relationshipKind.${value}`), value }));
    case 'visibility':
      return VISIBILITIES.map((value) => ({ title: t(`visibility.${value}`), value }));
    case 'weight':
      return WEIGHTS.map((value) => ({ title: t(`teams.forms.weights.${value.replace('.', '_')}`), value }));
    case 'channel':
      return INTERACTION_CHANNELS.map((value) => ({ title: t(`teams.forms.channels.${value}`), value }));
    default:
      return undefined;
  }
}

function inputOf(field: FieldSpec, value: string, t: Translate): CardElement {
  const base: CardElement = { id: field.name, label: t(`teams.forms.fields.${field.name}`), value };
  if (field.required) Object.assign(base, { isRequired: true, errorMessage: t('commands.form.required') });
  const choices = choicesOf(field.type, t);
  if (choices) return { type: 'Input.ChoiceSet', style: 'compact', choices, ...base };
  if (field.type === 'date') return { type: 'Input.Date', ...base };

  const input: CardElement = { type: 'Input.Text', maxLength: field.maxLength ?? 200, ...base };
  if (field.type === 'longText') input.isMultiline = true;
  if (field.type === 'email') input.style = 'Email';
  if (field.type === 'phone') input.style = 'Tel';
  if (field.placeholder) input.placeholder = t(`teams.forms.placeholders.${field.name}`);
  return input;
}

/** A sentence in the attention colour, shown under the field it concerns. */
export function errorText(text: string): CardElement {
  return { type: 'TextBlock', text, color: 'Attention', size: 'Small', spacing: 'None', wrap: true };
}

/**
 * Builds the card of a form: its title, an intro, an error above the fields when one concerns no
 * field, every field with its error below it, and a Save button carrying the hidden data.
 */
export function formCard(kind: FormKind, t: Translate, values: FormValues, hidden: HiddenFormData, errors: FormErrors = {}): AdaptiveCard {
  const fields = FORM_FIELDS[kind];
  const body: CardElement[] = [
    { type: 'TextBlock', text: t(`teams.forms.titles.${kind}`), size: 'Large', weight: 'Bolder', style: 'heading', wrap: true },
    { ...textBlock(t(`teams.forms.intros.${kind}`)), isSubtle: true, spacing: 'None' },
  ];
  const known = new Set(fields.map((field) => field.name));
  const stray = Object.entries(errors).filter(([field, text]) => text && !known.has(field)).map(([, text]) => text!);
  for (const text of stray) body.push({ ...textBlock(text), color: 'Attention' });

  for (const field of fields) {
    body.push(inputOf(field, values[field.name] ?? '', t));
    const error = errors[field.name];
    if (error) body.push(errorText(error));
  }
  const card = emptyCard(body);
  card.actions = [{ type: 'Action.Submit', title: t('teams.forms.save'), style: 'positive', data: { ...hidden, verb: FORM_VERB, form: kind } }];
  return card;
}

/** Builds a card that confirms a save. In a dialog, its button closes the dialog. */
export function confirmationCard(t: Translate, message: string, options: { closable: boolean }): AdaptiveCard {
  const card = emptyCard([{ ...textBlock(`✓ ${message}`), weight: 'Bolder', color: 'Good' }]);
  if (options.closable) card.actions = [{ type: 'Action.Submit', title: t('teams.forms.close'), data: { verb: CLOSE_VERB } }];
  return card;
}
