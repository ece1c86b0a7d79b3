// The command model shared by Slack, Teams and the CLI: what a parsed command line means, and
// what executing it produces (a reply, or a form for the adapter to open).
import type { Reply } from '../reply.js';
import type { CharterCommand } from './charter.js';
import type { DealLineCommand } from './deals.js';
import type { JobsCommand } from './jobs.js';
import type { SettingsCommand } from './settings.js';

/** A person as the user named them: typed text, or a platform mention of a user. */
export type PersonRef = { kind: 'name'; text: string } | { kind: 'mention'; userId: string; label?: string };

export type Verb = 'help' | 'who' | 'who-knows' | 'reach' | 'contacts' | 'contact-add' | 'know' | 'influence' | 'reports-to' | 'log';

/** Every verb help can explain: the verbs above, and those whose own grammars parse them first. */
export type HelpTopic = Verb | 'deal' | 'coverage' | 'map' | 'digest' | 'ask' | 'settings';

export type Command =
  | { verb: 'help'; topic?: HelpTopic }
  | { verb: 'who'; account: string; page: number }
  | { verb: 'who-knows'; person: PersonRef; account?: string }
  | { verb: 'reach'; person: PersonRef; account?: string }
  | { verb: 'contacts'; account: string; page: number }
  | { verb: 'contact-add'; name?: string; account?: string; title?: string; email?: string; phone?: string }
  | { verb: 'know'; person?: PersonRef; account?: string; strength?: number }
  | { verb: 'influence'; from?: PersonRef; to?: PersonRef; account?: string; weight?: number }
  /** `people` is unset when several unquoted words could not be split into two names. */
  | { verb: 'reports-to'; people?: [PersonRef, PersonRef]; words?: string[]; account?: string }
  | { verb: 'log'; note?: string; mentions: string[] }
  | JobsCommand
  | DealLineCommand
  | CharterCommand
  | SettingsCommand;

/** The reason a line could not be parsed, as a message key of the `commands` catalogue. */
export interface ParseFailure {
  messageKey: string;
  params?: Record<string, unknown>;
  /** The verb the line meant, when known, so the reply can show that verb's usage. */
  verb?: HelpTopic;
  /** The usage line of the exact form the line meant ("deal team add DEAL MEMBER [--role R]"). */
  usage?: string;
  /** A corrected command line to offer ("who Acme" for "woh Acme"). */
  correction?: string;
}

export type ParseResult = { ok: true; command: Command } | { ok: false; failure: ParseFailure };

/** An existing record picked by id, or a new one to create under this name. */
export type Choice = { id: string; label: string } | { newName: string };

export interface RelationshipDraft {
  account?: Choice;
  contact?: Choice;
  strength?: number;
}

export interface ContactDraft {
  account?: Choice;
  name?: string;
  title?: string;
  email?: string;
  phone?: string;
}

export interface InfluenceDraft {
  account?: Choice;
  from?: Choice;
  to?: Choice;
  weight?: number;
}

export interface InteractionDraft {
  account?: Choice;
  contacts?: Choice[];
  /** Platform user ids of our members who took part. */
  memberUserIds?: string[];
  occurredOn?: string;
  channel?: string;
  note?: string;
  messageLink?: string;
}

export type FormRequest =
  | { form: 'relationship'; draft: RelationshipDraft }
  | { form: 'contact'; draft: ContactDraft }
  | { form: 'influence'; draft: InfluenceDraft }
  | { form: 'interaction'; draft: InteractionDraft };

export type FormKind = FormRequest['form'];

export interface ReplyFile {
  name: string;
  data: Buffer;
  mimeType: 'image/png';
  /** Text alternative for screen readers and clients that show no pictures. */
  alt: string;
  /** The drawing the PNG was rendered from, so a surface with a size limit can render it smaller. */
  svg?: string;
  svgWidth?: number;
}

export type CommandResult =
  | {
      kind: 'reply';
      reply: Reply;
      /** Whether the reply may be shared in the conversation: read replies may, errors and confirmations may not. */
      shareable: boolean;
      /** A picture that goes with the reply (a power map), for the surface to upload or attach. */
      file?: ReplyFile;
    }
  | { kind: 'form'; request: FormRequest };
