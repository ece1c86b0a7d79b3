// Button values of o2o's messages. Each button carries what is needed to act on a click without
// any server-side state: the command line that produced the message, and the page or value.

/** Prefix of every o2o action_id, so one listener handles them all. */
export const ACTION_PREFIX = 'o2o:';

export type ActionKind =
  /** A button of the reply itself ("did you mean", "show more" of a query's paging). */
  | 'reply'
  /** The next page of a message too long for one Slack message. */
  | 'more'
  /** Post the reply in the conversation for everyone. */
  | 'share'
  /** Open one of the forms (Home tab quick actions). */
  | 'open';

export interface ActionValue {
  /** Reply action id, such as "run", "retry" or "page". */
  id?: string;
  /** The command line that produced the message. */
  line?: string;
  /** The reply action's own value. */
  value?: string;
  /** Zero-based page of the rendered message. */
  part?: number;
}

// Slack rejects button values over 2,000 characters.
const MAX_VALUE = 2_000;

export function actionId(kind: ActionKind, index = 0): string {
  return `${ACTION_PREFIX}${kind}:${index}`;
}

export function kindOf(id: string): ActionKind | undefined {
  const kind = id.slice(ACTION_PREFIX.length).split(':')[0];
  return kind === 'reply' || kind === 'more' || kind === 'share' || kind === 'open' ? kind : undefined;
}

/** Encodes a button value, or returns null when it would not fit in a Slack button. */
export function encodeAction(value: ActionValue): string | null {
  const encoded = JSON.stringify(value);
  return encoded.length <= MAX_VALUE ? encoded : null;
}

export function decodeAction(raw: string | undefined): ActionValue | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as ActionValue) : null;
  } catch {
    return null;
  }
}
