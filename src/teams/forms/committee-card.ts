// The buying-committee form of a deal as an Adaptive Card: the people on the committee, each with
// Edit and Remove buttons, then the fields of the person being added or updated, and Save.
import { ATTITUDES, INFLUENCE_LEVELS, labelOf, vocabularyOf, type DealSettings } from '../../app/settings.js';
import type { Translate } from '../../i18n/index.js';
import type { CommitteeRow } from '../../store/queries/deals.js';
import { emptyCard, SUBMIT_VERB, textBlock, type AdaptiveCard, type CardElement } from '../cards/reply-card.js';
import { errorText, type FormErrors } from './cards.js';

/** Opens the form: value "deal" to add a person, "deal:contact" to update one. */
export const COMMITTEE_FORM_ACTION = 'deal.committee.form';
/** Saves the form: value as for COMMITTEE_FORM_ACTION, the fields in the submitted data. */
export const COMMITTEE_SAVE_ACTION = 'deal.committee.save';
/** Takes a person off the committee: value "deal:contact". */
export const COMMITTEE_REMOVE_ACTION = 'deal.committee.remove';

/** The field ids of the form, as Teams sends them back in the submitted data. */
export const COMMITTEE_FIELDS = ['person', 'role', 'attitude', 'influence', 'motivations', 'tags'] as const;
export type CommitteeField = (typeof COMMITTEE_FIELDS)[number];
export type CommitteeFormValues = Partial<Record<CommitteeField, string>>;

export const MOTIVATIONS_MAX_LENGTH = 1000;
const PERSON_MAX_LENGTH = 200;

export interface CommitteeFormTarget {
  dealId: string;
  dealName: string;
  accountName: string;
  committee: CommitteeRow[];
  settings: DealSettings;
  /** The committee member being updated; unset when a person is being added. */
  editing?: { contactId: string; label: string };
}

/** Returns the value of the committee buttons: the deal id, then the contact id when one is named. */
export function committeeActionValue(dealId: string, contactId?: string): string {
  return contactId ? `${dealId}:${contactId}` : dealId;
}

/** Fills the form with a committee member's current values. */
export function valuesOfMember(row: CommitteeRow): CommitteeFormValues {
  return {
    person: row.name ?? row.title ?? '',
    role: row.role,
    attitude: row.attitude,
    influence: row.influence,
    motivations: row.motivations ?? '',
    tags: row.motivationTags.join(','),
  };
}

/** Builds the form. `errors` contains a sentence per field, and `form` one shown above the fields. */
export function committeeFormCard(t: Translate, target: CommitteeFormTarget, values: CommitteeFormValues, errors: FormErrors = {}): AdaptiveCard {
  const body: CardElement[] = [
    { type: 'TextBlock', text: t('teams.committeeForm.title'), size: 'Large', weight: 'Bolder', style: 'heading', wrap: true },
    { ...textBlock(t('teams.committeeForm.intro', { deal: target.dealName })), isSubtle: true, spacing: 'None' },
    ...membersSection(t, target),
    {
      type: 'TextBlock',
      text: target.editing ? t('teams.committeeForm.editing', { contact: target.editing.label }) : t('teams.committeeForm.adding'),
      weight: 'Bolder',
      separator: true,
      spacing: 'Large',
      wrap: true,
    },
  ];
  if (errors.form) body.push({ ...textBlock(errors.form), color: 'Attention' });
  for (const field of COMMITTEE_FIELDS) {
    body.push(inputOf(field, values[field] ?? '', t, target));
    const error = errors[field];
    if (error) body.push(errorText(error));
  }

  const card = emptyCard(body);
  const value = committeeActionValue(target.dealId, target.editing?.contactId);
  card.actions = [
    { type: 'Action.Submit', title: t('teams.forms.save'), style: 'positive', data: { verb: SUBMIT_VERB, actionId: COMMITTEE_SAVE_ACTION, value } },
    ...(target.editing ? [buttonInForm(t('teams.committeeForm.addAnother'), COMMITTEE_FORM_ACTION, target.dealId)] : []),
  ];
  return card;
}

function membersSection(t: Translate, target: CommitteeFormTarget): CardElement[] {
  const heading: CardElement = { type: 'TextBlock', text: t('teams.committeeForm.members'), weight: 'Bolder', spacing: 'Medium', wrap: true };
  if (target.committee.length === 0) return [heading, { ...textBlock(t('teams.committeeForm.empty')), isSubtle: true, spacing: 'None' }];
  const label = (kind: 'committeeRole' | 'attitude' | 'influence', id: string) => labelOf(target.settings, kind, id, t);
  return [
    heading,
    ...target.committee.map((row): CardElement => {
      const value = committeeActionValue(target.dealId, row.contactId);
      const summary = [label('committeeRole', row.role), label('attitude', row.attitude), t('deals.show.influence', { level: label('influence', row.influence) })].join(' · ');
      return {
        type: 'Container',
        spacing: 'Small',
        items: [
          { type: 'TextBlock', text: row.name ?? row.title ?? '?', weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: summary, isSubtle: true, spacing: 'None', wrap: true },
          {
            type: 'ActionSet',
            actions: [buttonInForm(t('teams.committeeForm.editMember'), COMMITTEE_FORM_ACTION, value), { ...buttonInForm(t('teams.committeeForm.removeMember'), COMMITTEE_REMOVE_ACTION, value), style: 'destructive' }],
          },
        ],
      };
    }),
  ];
}

/**
 * Builds a button of the form other than Save. It sends no input, so Teams does not stop it on an
 * empty required field. Its `inForm` flag makes the bot redraw this card rather than send a new one.
 */
function buttonInForm(title: string, actionId: string, value: string): CardElement {
  return { type: 'Action.Submit', title, associatedInputs: 'none', data: { verb: SUBMIT_VERB, actionId, value, inForm: true } };
}

function inputOf(field: CommitteeField, value: string, t: Translate, target: CommitteeFormTarget): CardElement {
  const label = t(`teams.committeeForm.fields.${field}`);
  const required = field === 'person' || field === 'role' ? { isRequired: true, errorMessage: t('commands.form.required') } : {};
  const choices = (kind: 'committeeRole' | 'motivationTag') => vocabularyOf(target.settings, kind).map((entry) => ({ title: labelOf(target.settings, kind, entry.id, t), value: entry.id }));
  switch (field) {
    case 'person':
      return { type: 'Input.Text', id: field, label, value, maxLength: PERSON_MAX_LENGTH, placeholder: t('teams.committeeForm.placeholders.person', { account: target.accountName }), ...required };
    case 'role':
      return { type: 'Input.ChoiceSet', id: field, label, value, style: 'compact', choices: choices('committeeRole'), ...required };
    case 'attitude':
      return { type: 'Input.ChoiceSet', id: field, label, value: value || 'neutral', style: 'compact', choices: ATTITUDES.map((id) => ({ title: labelOf(target.settings, 'attitude', id, t), value: id })) };
    case 'influence':
      return { type: 'Input.ChoiceSet', id: field, label, value: value || 'medium', style: 'compact', choices: INFLUENCE_LEVELS.map((id) => ({ title: labelOf(target.settings, 'influence', id, t), value: id })) };
    case 'motivations':
      return { type: 'Input.Text', id: field, label, value, isMultiline: true, maxLength: MOTIVATIONS_MAX_LENGTH, placeholder: t('teams.committeeForm.placeholders.motivations') };
    case 'tags':
      return { type: 'Input.ChoiceSet', id: field, label, value, style: 'compact', isMultiSelect: true, choices: choices('motivationTag') };
  }
}
