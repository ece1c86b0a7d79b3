// The facts a message-extension action reads from the message it was started on.
import type { MessageActionsPayload } from 'botbuilder';

import { parseSignature, type SignatureFields } from '../../app/signature.js';
import { htmlToText } from '../html.js';

export type AuthorKind = 'colleague' | 'external' | 'application';

export interface MessagePerson {
  name: string;
  /** Entra object id, for people of our own tenant. */
  aadObjectId?: string;
}

export interface MessageDigest {
  /** The message body as plain text; empty for a message with only attachments. */
  text: string;
  link?: string;
  /** Day the message was posted, YYYY-MM-DD. */
  postedOn?: string;
  author?: MessagePerson & { kind: AuthorKind };
  /** People of our tenant mentioned in the message; apps and bots are left out. */
  mentioned: MessagePerson[];
  signature: SignatureFields;
}

// Identity types of people signed in to our own Entra tenant; the others (federated, guest,
// personal Microsoft accounts) are people from outside, customers among them.
const INTERNAL_IDENTITIES = new Set(['aadUser', 'onPremiseAadUser']);

/** Reads the body, author, mentions, link and date of a message payload; tolerates missing parts. */
export function digestMessage(payload: MessageActionsPayload | undefined): MessageDigest {
  if (!payload) return { text: '', mentioned: [], signature: {} };
  const body = payload.body?.content ?? '';
  const text = payload.body?.contentType === 'text' ? body.trim() : htmlToText(body);
  const digest: MessageDigest = { text, mentioned: mentionedPeople(payload), signature: text ? parseSignature(text) : {} };

  if (payload.linkToMessage && /^https:\/\//.test(payload.linkToMessage)) digest.link = payload.linkToMessage;
  const posted = payload.createdDateTime ? new Date(payload.createdDateTime) : undefined;
  if (posted && !Number.isNaN(posted.getTime())) digest.postedOn = posted.toISOString().slice(0, 10);
  const author = authorOf(payload);
  if (author) digest.author = author;
  return digest;
}

function authorOf(payload: MessageActionsPayload): MessageDigest['author'] {
  const { user, application } = payload.from ?? {};
  if (user?.displayName) {
    const internal = INTERNAL_IDENTITIES.has(user.userIdentityType ?? '');
    return { name: user.displayName, kind: internal ? 'colleague' : 'external', ...(internal && user.id && { aadObjectId: user.id }) };
  }
  if (application?.displayName) return { name: application.displayName, kind: 'application' };
  return undefined;
}

function mentionedPeople(payload: MessageActionsPayload): MessagePerson[] {
  const people = new Map<string, MessagePerson>();
  for (const mention of payload.mentions ?? []) {
    const user = mention.mentioned?.user;
    if (!user?.displayName || !INTERNAL_IDENTITIES.has(user.userIdentityType ?? '')) continue;
    const key = user.id ?? user.displayName;
    if (!people.has(key)) people.set(key, { name: user.displayName, ...(user.id && { aadObjectId: user.id }) });
  }
  return [...people.values()];
}
