// The readable form of a contact export, in the reader's language: one section per kind of data,
// with every value o2o holds.
import { formatDate, type Locale, type Translate } from '../../i18n/index.js';
import type { Reply, ReplyBlock, ReplyItem } from '../reply.js';
import type { ContactExport } from './export.js';

const DATE_FIELDS = new Set<string>(['createdAt', 'updatedAt', 'leftOn']);
const PERSON_FIELDS = ['name', 'title', 'department', 'unit', 'email', 'phone', 'profileUrl', 'seniority', 'status', 'leftOn', 'source', 'externalRef', 'account', 'createdAt', 'updatedAt'] as const;

/** Builds the readable export of a contact. */
export function presentContactExport(data: ContactExport, t: Translate, locale: Locale): Reply {
  const date = (value: string | null) => (value ? formatDate(value, locale) : t('charter.export.empty'));
  const label = data.person.name ?? data.person.title ?? '?';
  const heading = t('charter.export.heading', { contact: label });
  const fields = PERSON_FIELDS.map((field) => {
    const value = data.person[field];
    let text = value === null || value === '' ? t('charter.export.empty') : String(value);
    if (value && DATE_FIELDS.has(field)) text = date(value);
    return { label: t(`charter.export.fields.${field}`), value: text };
  });

  const blocks: ReplyBlock[] = [
    { type: 'heading', text: heading },
    { type: 'context', text: t('charter.export.exportedAt', { date: date(data.exportedAt), id: data.contactId }) },
    { type: 'text', text: t('charter.export.sections.person') },
    { type: 'text', text: fields.map((field) => t('charter.pair', field)).join('\n') },
  ];
  const section = (key: string, items: ReplyItem[]) => {
    blocks.push({ type: 'text', text: t(`charter.export.sections.${key}`) });
    blocks.push(items.length > 0 ? { type: 'items', items } : { type: 'context', text: t('charter.export.none') });
  };

  section('relationships', data.relationships.map((row) => ({
    title: t('charter.export.relationship', { member: row.member, strength: t(`strength.${row.strength}`), kind: t(`relationshipKind.${row.kind}`, { defaultValue: row.kind }), when: date(row.lastContactOn), visibility: t(`visibility.${row.visibility}`) }),
    lines: [
      ...(row.note ? [t('charter.export.note', { note: row.note })] : []),
      ...row.history.map((entry) => t('charter.export.history', { date: date(entry.at), field: entry.field, from: entry.from ?? t('charter.export.empty'), to: entry.to ?? t('charter.export.empty') })),
    ],
  })));
  section('reportingLines', data.reportingLines.map((line) => ({
    title: t(line.role === 'reports_to' ? 'charter.export.reportsTo' : 'charter.export.manages', { other: line.other }),
    lines: [t('charter.export.period', { from: date(line.validFrom), to: date(line.validTo) })],
  })));
  section('influence', data.influence.map((link) => ({
    title: t(link.direction === 'influences' ? 'charter.export.influences' : 'charter.export.influencedBy', { other: link.other, weight: link.weight }),
    lines: link.note ? [t('charter.export.note', { note: link.note })] : [],
  })));
  section('interactions', data.interactions.map((entry) => ({
    title: t('charter.export.interaction', { date: date(entry.occurredOn), channel: entry.channel, members: entry.members.join(', ') || t('charter.export.empty') }),
    lines: [...(entry.note ? [t('charter.export.note', { note: entry.note })] : []), ...(entry.messageLink ? [entry.messageLink] : [])],
  })));
  section('buyingCommittees', data.buyingCommittees.map((seat) => ({
    title: t('charter.export.committee', { deal: seat.deal, role: seat.role, attitude: seat.attitude, influence: seat.influence }),
    lines: seat.motivations || seat.motivationTags.length > 0 ? [t('charter.export.motivations', { text: [seat.motivations, seat.motivationTags.join(', ')].filter(Boolean).join(' — ') })] : [],
  })));
  section('outreach', data.outreach.map((entry) => ({
    title: t('charter.export.outreach', { deal: entry.deal, member: entry.member, status: entry.outcome ?? entry.status }),
    lines: entry.note ? [t('charter.export.note', { note: entry.note })] : [],
  })));
  section('updateRequests', data.updateRequests.map((entry) => ({
    title: t('charter.export.updateRequest', { date: date(entry.createdAt), member: entry.member, reason: entry.reason, status: entry.status }),
    lines: entry.answer ? [t('charter.export.answer', { answer: entry.answer })] : [],
  })));
  section('introductionRequests', data.introductionRequests.map((entry) => ({ title: t('charter.export.introduction', { date: date(entry.createdAt), status: entry.status }) })));
  section('lookups', data.lookups.map((entry) => ({ title: t('charter.export.lookup', { date: date(entry.at), action: entry.action, actor: entry.actor ?? t('charter.audit.operator') }) })));
  return { text: heading, blocks };
}
