// The two deal modals: log the result of an assigned outreach, and add someone to a deal's buying
// committee (or update their role, attitude, influence and motivations). Their private_metadata
// carries the ids the submission writes to, so no server-side state is kept between the two.
import type { types } from '@slack/bolt';

import { OUTREACH_OUTCOMES } from '../../app/deals/outreach.js';
import { ATTITUDES, INFLUENCE_LEVELS, labelOf, vocabularyOf, type DealSettings } from '../../app/settings.js';
import type { CommitteeRow } from '../../store/queries/deals.js';
import type { Translate } from '../../i18n/index.js';
import { escapeMrkdwn, truncate } from '../render/mrkdwn.js';
import { externalSelect, input, option, plain, staticSelect, textInput } from './elements.js';
import type { ModalOrigin } from './forms.js';

export const OUTREACH_FORM = 'o2o:deal:outreach';
export const COMMITTEE_FORM = 'o2o:deal:committee';

/** The ids a deal modal writes to, and the names its confirmation shows. */
export interface DealFormMetadata {
  origin: ModalOrigin;
  dealId: string;
  dealName: string;
  accountId: string;
  /** The contact of an outreach; unset on the committee form, where it is picked. */
  contactId?: string;
  contactName?: string;
}

// private_metadata accepts at most 3,000 characters; names are cut to keep well under it.
const MAX_NAME = 200;

export function encodeDealForm(metadata: DealFormMetadata): string {
  const origin: ModalOrigin = { source: metadata.origin.source, ...(metadata.origin.channel && { channel: metadata.origin.channel }) };
  return JSON.stringify({
    ...metadata,
    origin,
    dealName: truncate(metadata.dealName, MAX_NAME),
    ...(metadata.contactName && { contactName: truncate(metadata.contactName, MAX_NAME) }),
  });
}

/** Reads a deal modal's metadata; null for any other modal. */
export function decodeDealForm(raw: string | undefined): DealFormMetadata | null {
  try {
    const parsed = JSON.parse(raw ?? '') as Partial<DealFormMetadata>;
    if (typeof parsed?.dealId !== 'string' || typeof parsed.accountId !== 'string' || !parsed.origin) return null;
    return parsed as DealFormMetadata;
  } catch {
    return null;
  }
}

function context(text: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(text), 3_000) }] };
}

function modal(callbackId: string, title: string, t: Translate, metadata: DealFormMetadata, blocks: types.KnownBlock[]): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title, 24),
    submit: plain(t('slack.forms.submit'), 24),
    close: plain(t('slack.forms.cancel'), 24),
    private_metadata: encodeDealForm(metadata),
    blocks,
  };
}

/** Builds the modal that logs how an outreach went. */
export function outreachView(t: Translate, metadata: DealFormMetadata): types.ModalView {
  const outcomes = OUTREACH_OUTCOMES.map((outcome) => option(t(`slack.dealForms.outcomes.${outcome}`), outcome));
  const strengths = [1, 2, 3, 4, 5].map((level) => option(`${level} — ${t(`strength.${level}`)}`, String(level)));
  return modal(OUTREACH_FORM, t('slack.dealForms.outreach.title'), t, metadata, [
    context(t('slack.dealForms.outreach.about', { contact: metadata.contactName ?? '', deal: metadata.dealName })),
    input('outcome', t('slack.dealForms.fields.outcome'), staticSelect('outcome', outcomes, 'reached')),
    input('strength', t('slack.dealForms.fields.strength'), staticSelect('strength', strengths), { optional: true, hint: t('slack.dealForms.hints.strength') }),
    input('note', t('slack.forms.fields.note'), textInput('note', { multiline: true, maxLength: 2_000 }), { optional: true }),
  ]);
}

/** Builds the modal that adds a contact of the deal's account to its buying committee, or updates them. */
export function committeeView(t: Translate, settings: DealSettings, metadata: DealFormMetadata, committee: CommitteeRow[]): types.ModalView {
  const vocabulary = (kind: 'committeeRole' | 'motivationTag') => vocabularyOf(settings, kind).map((entry) => option(labelOf(settings, kind, entry.id, t), entry.id));
  const attitudes = ATTITUDES.map((attitude) => option(labelOf(settings, 'attitude', attitude, t), attitude));
  const levels = INFLUENCE_LEVELS.map((level) => option(labelOf(settings, 'influence', level, t), level));
  const tags: types.MultiStaticSelect = { type: 'multi_static_select', action_id: 'tags', options: vocabulary('motivationTag'), placeholder: plain(t('slack.dealForms.placeholders.tags'), 150) };
  const members = committee.map((row) => `${row.name ?? row.title ?? '?'} (${labelOf(settings, 'committeeRole', row.role, t)})`);

  return modal(COMMITTEE_FORM, t('slack.dealForms.committee.title'), t, metadata, [
    context(t('slack.dealForms.committee.about', { deal: metadata.dealName })),
    context(members.length > 0 ? t('slack.dealForms.committee.current', { names: members.join(', ') }) : t('slack.dealForms.committee.empty')),
    input('contact', t('slack.forms.fields.contact'), externalSelect('contact', t('slack.forms.placeholders.contact')), { hint: t('slack.dealForms.hints.contact') }),
    input('role', t('slack.dealForms.fields.role'), staticSelect('role', vocabulary('committeeRole'))),
    input('attitude', t('slack.dealForms.fields.attitude'), staticSelect('attitude', attitudes, 'neutral')),
    input('influence', t('slack.dealForms.fields.influence'), staticSelect('influence', levels, 'medium')),
    input('motivations', t('slack.dealForms.fields.motivations'), textInput('motivations', { multiline: true, maxLength: 1_000 }), { optional: true, hint: t('slack.dealForms.hints.motivations') }),
    input('tags', t('slack.dealForms.fields.tags'), tags, { optional: true }),
  ]);
}
