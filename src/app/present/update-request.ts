// The message that asks a member about a few relationships: one question per contact, each with
// one-click answers, and the recorded answer in place of the buttons once the member answered.
import type { Locale } from '../../config/env.js';
import type { RequestAnswer, RequestReason } from '../../domain/update-requests.js';
import { formatRelativeDate, translator } from '../../i18n/index.js';
import type { Reply, ReplyAction, ReplyBlock } from '../reply.js';

export const ANSWER_ACTION = 'update-request.answer';
export const DETAILS_ACTION = 'update-request.details';

export interface RequestView {
  id: string;
  status: 'pending' | 'sent' | 'answered' | 'snoozed' | 'expired' | 'failed';
  answer: RequestAnswer | null;
  /** A RequestReason, or "asked" when a colleague asked for this request. */
  reason: RequestReason | 'asked';
  contactLabel: string;
  contactTitle: string | null;
  accountName: string;
  /** The open deal that makes the contact key, if any. */
  dealName: string | null;
  strength: number | null;
  lastContactOn: string | null;
  /** Name of the colleague who asked for the request, if one did. */
  askedBy: string | null;
}

export interface RequestMessage {
  /** Outbox id of the message: the buttons carry it so an answer can redraw this message. */
  messageId: string;
  requests: RequestView[];
  reminder: boolean;
  weeklyCap: number;
}

/** Value of an answer button: message, request and answer, separated by colons. */
export function answerValue(messageId: string, requestId: string, answer: RequestAnswer): string {
  return `${messageId}:${requestId}:${answer}`;
}

/** Reads an answer button's value; null when it is not one. */
export function parseAnswerValue(value: string): { messageId: string; requestId: string; answer: RequestAnswer } | null {
  const match = /^([0-9a-f-]{36}):([0-9a-f-]{36}):(strong|weaker|lost_touch|unknown|snooze)$/.exec(value);
  return match ? { messageId: match[1]!, requestId: match[2]!, answer: match[3] as RequestAnswer } : null;
}

/** Builds the message of grouped requests in the member's language. */
export function presentRequestMessage(message: RequestMessage, locale: Locale, now: Date): Reply {
  const t = translator(locale);
  const open = message.requests.filter((request) => request.status === 'pending' || request.status === 'sent').length;
  const heading = message.reminder ? t('jobs.requests.reminderHeading') : t('jobs.requests.heading');
  const blocks: ReplyBlock[] = [
    { type: 'heading', text: heading },
    { type: 'text', text: t('jobs.requests.intro', { count: message.requests.length }) },
  ];

  for (const request of message.requests) {
    blocks.push({ type: 'divider' }, { type: 'items', items: [itemOf(request, locale, now)] });
    blocks.push(isOpen(request) ? { type: 'actions', actions: actionsOf(message.messageId, request, locale) } : { type: 'context', text: recordedText(request, locale) });
  }
  blocks.push({ type: 'context', text: t('jobs.requests.footer', { count: message.weeklyCap }) });

  const text = open > 0 ? t('jobs.requests.notification', { count: open }) : t('jobs.requests.allAnswered');
  return { text, blocks };
}

function isOpen(request: RequestView): boolean {
  return request.status === 'pending' || request.status === 'sent';
}

function itemOf(request: RequestView, locale: Locale, now: Date) {
  const t = translator(locale);
  const subtitle = [request.contactTitle, request.accountName].filter(Boolean).join(', ');
  const known =
    request.strength === null
      ? t('jobs.requests.noRelationship')
      : t('jobs.requests.recordedStrength', {
          strength: t(`strength.${request.strength}`),
          lastContact: request.lastContactOn ? formatRelativeDate(request.lastContactOn, locale, now) : t('never'),
        });
  return { title: request.contactLabel, subtitle, lines: [reasonText(request, locale), known] };
}

function reasonText(request: RequestView, locale: Locale): string {
  const t = translator(locale);
  if (request.reason === 'asked') return t('jobs.requests.reason.asked', { name: request.askedBy ?? '' });
  return t(`jobs.requests.reason.${request.reason}`, { deal: request.dealName ?? '', account: request.accountName });
}

function actionsOf(messageId: string, request: RequestView, locale: Locale): ReplyAction[] {
  const t = translator(locale);
  const answers: Array<{ answer: RequestAnswer; style?: 'primary' }> = [
    { answer: 'strong', style: 'primary' },
    { answer: 'weaker' },
    { answer: 'lost_touch' },
    { answer: 'unknown' },
    { answer: 'snooze' },
  ];
  const buttons: ReplyAction[] = answers.map(({ answer, style }) => ({
    id: ANSWER_ACTION,
    label: t(`jobs.requests.answer.${answer}`),
    value: answerValue(messageId, request.id, answer),
    ...(style && { style }),
  }));
  buttons.push({ id: DETAILS_ACTION, label: t('jobs.requests.details'), value: `${messageId}:${request.id}` });
  return buttons;
}

/** Describes in one sentence what was recorded for a request that is no longer open. */
export function recordedText(request: RequestView, locale: Locale): string {
  const t = translator(locale);
  if (request.status === 'expired') return t('jobs.requests.expired');
  if (request.status === 'failed') return t('jobs.requests.failed');
  if (request.answer === 'snooze') return t('jobs.requests.recorded.snooze');
  if (request.answer === 'unknown') return t('jobs.requests.recorded.unknown');
  return t('jobs.requests.recorded.strength', { strength: t(`strength.${request.strength ?? 1}`) });
}
