// The four o2o modals: log a relationship, add a contact, log influence, log an interaction. Each
// input's block_id is the form field's name, so validation errors land on the right input.
import type { types } from '@slack/bolt';

import type { Choice, FormKind, FormRequest, InfluenceDraft, InteractionDraft, RelationshipDraft, ContactDraft } from '../../app/commands/index.js';
import { INTERACTION_CHANNELS } from '../../app/interactions.js';
import { RELATIONSHIP_KINDS, VISIBILITIES } from '../../app/relationships.js';
import type { Translate } from '../../i18n/index.js';
import { escapeMrkdwn, truncate } from '../render/mrkdwn.js';
import { choiceOption, externalSelect, input, option, plain, staticSelect, textInput } from './elements.js';

export const FORM_CALLBACK_PREFIX = 'o2o:form:';

/** Weights offered for an influence link, from 0 (barely) to 1 (decisive). */
export const INFLUENCE_WEIGHTS = ['0.25', '0.5', '0.75', '1'] as const;

/** The place a modal was opened from, kept in private_metadata to confirm in the right place. */
export interface ModalOrigin {
  source: 'command' | 'action' | 'shortcut' | 'home';
  channel?: string;
  responseUrl?: string;
}

// private_metadata accepts at most 3,000 characters.
const MAX_METADATA = 3_000;

export function encodeOrigin(origin: ModalOrigin): string {
  const encoded = JSON.stringify(origin);
  return encoded.length <= MAX_METADATA ? encoded : JSON.stringify({ source: origin.source });
}

export function decodeOrigin(raw: string | undefined): ModalOrigin {
  try {
    const parsed = JSON.parse(raw ?? '') as ModalOrigin;
    return parsed && typeof parsed.source === 'string' ? parsed : { source: 'action' };
  } catch {
    return { source: 'action' };
  }
}

function modal(kind: FormKind, t: Translate, blocks: types.KnownBlock[], origin: ModalOrigin): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${kind}`,
    title: plain(t(`slack.forms.${kind}.title`), 24),
    submit: plain(t('slack.forms.submit'), 24),
    close: plain(t('slack.forms.cancel'), 24),
    private_metadata: encodeOrigin(origin),
    blocks,
  };
}

function accountInput(t: Translate, initial: Choice | undefined, required: boolean, hintKey: string): types.InputBlock {
  const initialOption = initial ? choiceOption(initial, (name) => t('slack.forms.createAccount', { name })) : undefined;
  return input('account', t('slack.forms.fields.account'), externalSelect('account', t('slack.forms.placeholders.account'), initialOption), {
    optional: !required,
    hint: t(hintKey),
  });
}

function contactInput(blockId: string, label: string, t: Translate, initial: Choice | undefined): types.InputBlock {
  const initialOption = initial ? choiceOption(initial, (name) => t('slack.forms.createContact', { name })) : undefined;
  return input(blockId, label, externalSelect(blockId, t('slack.forms.placeholders.contact'), initialOption));
}

function relationshipBlocks(t: Translate, draft: RelationshipDraft): types.KnownBlock[] {
  const strengths = [1, 2, 3, 4, 5].map((level) => option(`${level} — ${t(`strength.${level}`)}`, String(level)));
  const kinds = RELATIONSHIP_KINDS.map((kind) => option(t(`relationshipKind.${kind}`), kind));
  const visibilities = VISIBILITIES.map((visibility) => option(t(`slack.forms.visibility.${visibility}`), visibility));
  return [
    accountInput(t, draft.account, false, 'slack.forms.hints.accountFilter'),
    contactInput('contact', t('slack.forms.fields.contact'), t, draft.contact),
    input('strength', t('slack.forms.fields.strength'), staticSelect('strength', strengths, draft.strength ? String(draft.strength) : undefined), {
      hint: t('slack.forms.hints.strength'),
    }),
    input('kind', t('slack.forms.fields.kind'), staticSelect('kind', kinds, 'work')),
    input('lastContactOn', t('slack.forms.fields.lastContactOn'), { type: 'datepicker', action_id: 'lastContactOn' }, { optional: true }),
    input('visibility', t('slack.forms.fields.visibility'), staticSelect('visibility', visibilities, 'tenant')),
    input('note', t('slack.forms.fields.note'), textInput('note', { multiline: true, maxLength: 2_000 }), { optional: true }),
  ];
}

function contactBlocks(t: Translate, draft: ContactDraft): types.KnownBlock[] {
  return [
    accountInput(t, draft.account, true, 'slack.forms.hints.accountCreate'),
    input('name', t('slack.forms.fields.name'), textInput('name', { initial: draft.name, maxLength: 200 }), { optional: true, hint: t('slack.forms.hints.name') }),
    input('title', t('slack.forms.fields.title'), textInput('title', { initial: draft.title, maxLength: 300 }), { optional: true }),
    input('email', t('slack.forms.fields.email'), textInput('email', { initial: draft.email, maxLength: 320 }), { optional: true }),
    input('phone', t('slack.forms.fields.phone'), textInput('phone', { initial: draft.phone, maxLength: 50 }), { optional: true }),
  ];
}

function influenceBlocks(t: Translate, draft: InfluenceDraft): types.KnownBlock[] {
  const weights = INFLUENCE_WEIGHTS.map((weight) => option(t(`slack.forms.weights.${weight.replace('.', '_')}`), weight));
  const initialWeight = draft.weight === undefined ? '0.5' : nearestWeight(draft.weight);
  return [
    accountInput(t, draft.account, false, 'slack.forms.hints.accountFilter'),
    contactInput('from', t('slack.forms.fields.from'), t, draft.from),
    contactInput('to', t('slack.forms.fields.to'), t, draft.to),
    input('weight', t('slack.forms.fields.weight'), staticSelect('weight', weights, initialWeight)),
    input('note', t('slack.forms.fields.note'), textInput('note', { multiline: true, maxLength: 2_000 }), { optional: true }),
  ];
}

function nearestWeight(weight: number): string {
  return INFLUENCE_WEIGHTS.reduce((best, candidate) => (Math.abs(Number(candidate) - weight) < Math.abs(Number(best) - weight) ? candidate : best));
}

function interactionBlocks(t: Translate, draft: InteractionDraft): types.KnownBlock[] {
  const channels = INTERACTION_CHANNELS.map((channel) => option(t(`slack.forms.channels.${channel}`), channel));
  const contactOptions = (draft.contacts ?? []).map((choice) => choiceOption(choice, (name) => t('slack.forms.createContact', { name })));
  const contacts: types.MultiExternalSelect = {
    type: 'multi_external_select',
    action_id: 'contacts',
    min_query_length: 0,
    placeholder: plain(t('slack.forms.placeholders.contacts'), 150),
    ...(contactOptions.length > 0 && { initial_options: contactOptions }),
  };
  const members: types.MultiUsersSelect = {
    type: 'multi_users_select',
    action_id: 'members',
    ...(draft.memberUserIds && draft.memberUserIds.length > 0 && { initial_users: [...new Set(draft.memberUserIds)] }),
  };
  const date: types.Datepicker = { type: 'datepicker', action_id: 'occurredOn', ...(draft.occurredOn && { initial_date: draft.occurredOn }) };
  return [
    accountInput(t, draft.account, false, 'slack.forms.hints.accountFilter'),
    input('contacts', t('slack.forms.fields.contacts'), contacts),
    input('members', t('slack.forms.fields.members'), members),
    input('occurredOn', t('slack.forms.fields.occurredOn'), date),
    input('channel', t('slack.forms.fields.channel'), staticSelect('channel', channels, draft.channel ?? 'meeting')),
    input('note', t('slack.forms.fields.note'), textInput('note', { initial: draft.note, multiline: true, maxLength: 3_000 }), { optional: true }),
    input('messageLink', t('slack.forms.fields.messageLink'), textInput('messageLink', { initial: draft.messageLink, maxLength: 1_000 }), { optional: true }),
  ];
}

/** Builds the modal of a form request, prefilled with its draft. */
export function formView(request: FormRequest, t: Translate, origin: ModalOrigin): types.ModalView {
  switch (request.form) {
    case 'relationship':
      return modal('relationship', t, relationshipBlocks(t, request.draft), origin);
    case 'contact':
      return modal('contact', t, contactBlocks(t, request.draft), origin);
    case 'influence':
      return modal('influence', t, influenceBlocks(t, request.draft), origin);
    case 'interaction':
      return modal('interaction', t, interactionBlocks(t, request.draft), origin);
  }
}

/** Builds a modal with one message: while o2o loads or saves, or after it saved. */
export function statusView(t: Translate, title: string, message: string, options: { closable?: boolean; callbackId?: string } = {}): types.ModalView {
  return {
    type: 'modal',
    ...(options.callbackId && { callback_id: options.callbackId }),
    title: plain(title, 24),
    ...(options.closable !== false && { close: plain(t('slack.forms.close'), 24) }),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(message), 3_000) } }],
  };
}
