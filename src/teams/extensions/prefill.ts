// Fills the message-extension forms from the message they were started on: its date, its text
// as the note, the signature in it as the contact, its author and mentioned colleagues.
import type { FormKind } from '../../app/commands/index.js';
import type { FormValues, HiddenFormData, MentionedPerson } from '../forms/values.js';
import type { MessageDigest } from './message-payload.js';

// Maximum length of an interaction's note, in characters (the limit of the use case's input).
const NOTE_LENGTH = 4000;

/**
 * Values and hidden data of a form. `senderAadObjectId` is the user filling it in: they are
 * always among the members, so they are not listed again.
 */
export function prefillForm(kind: FormKind, digest: MessageDigest, senderAadObjectId: string | undefined, now: Date): { values: FormValues; hidden: HiddenFormData } {
  return kind === 'interaction' ? prefillInteraction(digest, senderAadObjectId, now) : { values: prefillContact(digest), hidden: {} };
}

function prefillInteraction(digest: MessageDigest, senderAadObjectId: string | undefined, now: Date): { values: FormValues; hidden: HiddenFormData } {
  const sender = senderAadObjectId?.toLowerCase();
  const colleagues: MentionedPerson[] = [];
  const candidates = [...(digest.author?.kind === 'colleague' ? [digest.author] : []), ...digest.mentioned];
  for (const person of candidates) {
    const aadObjectId = person.aadObjectId?.toLowerCase();
    if (!aadObjectId || aadObjectId === sender || colleagues.some((known) => known.aadObjectId === aadObjectId)) continue;
    colleagues.push({ name: person.name, aadObjectId });
  }

  const values: FormValues = {
    occurredOn: digest.postedOn ?? now.toISOString().slice(0, 10),
    // Started on a message, the interaction most likely is that message; else a meeting.
    channel: digest.text || digest.link ? 'chat' : 'meeting',
  };
  const contact = digest.signature.name ?? (digest.author?.kind === 'external' ? digest.author.name : undefined);
  if (contact) values.contacts = contact;
  if (digest.signature.company) values.account = digest.signature.company;
  if (colleagues.length > 0) values.members = colleagues.map((person) => person.name).join(', ');
  if (digest.text) values.note = digest.text.length > NOTE_LENGTH ? `${digest.text.slice(0, NOTE_LENGTH - 1)}…` : digest.text;

  const hidden: HiddenFormData = {};
  if (colleagues.length > 0) hidden.people = colleagues;
  if (digest.link) hidden.messageLink = digest.link;
  return { values, hidden };
}

function prefillContact(digest: MessageDigest): FormValues {
  const { signature } = digest;
  const values: FormValues = {};
  const name = signature.name ?? (digest.author?.kind === 'external' ? digest.author.name : undefined);
  if (name) values.name = name;
  if (signature.title) values.title = signature.title;
  if (signature.company) values.account = signature.company;
  if (signature.email) values.email = signature.email;
  if (signature.phone) values.phone = signature.phone;
  return values;
}
