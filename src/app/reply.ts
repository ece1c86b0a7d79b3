// The platform-neutral reply model. Presenters turn use-case results into a Reply; the CLI,
// Slack (Block Kit) and Teams (Adaptive Cards) each render it their own way.

export interface ReplyAction {
  /** Action identifier the adapters route on, such as "page" or "pick-account". */
  id: string;
  label: string;
  /** Opaque value sent back when the action is taken (a command line, an id, a page cursor). */
  value: string;
  style?: 'primary' | 'danger';
}

export interface ReplyItem {
  title: string;
  /** Short text after the title, such as a job title and account. */
  subtitle?: string;
  /** Further lines, each a short sentence or list of names. */
  lines?: string[];
}

export type ReplyBlock =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  | { type: 'items'; items: ReplyItem[] }
  | { type: 'table'; columns: string[]; rows: string[][] }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | { type: 'actions'; actions: ReplyAction[] }
  | { type: 'image'; url: string; alt: string };

export interface Reply {
  /** Plain-text summary: the notification text and the fallback where blocks cannot show. */
  text: string;
  blocks: ReplyBlock[];
  /** Set when the reply reports a failure, so adapters can style or log it. */
  error?: { code: string };
}

/** A reply of one sentence. */
export function textReply(text: string, error?: { code: string }): Reply {
  return { text, blocks: [{ type: 'text', text }], ...(error && { error }) };
}
