// The help of the command grammar, in the user's language: every command, or one in detail.
import type { Translate } from '../../i18n/index.js';
import type { Reply, ReplyItem } from '../reply.js';
import { VERBS } from './grammar.js';
import type { Verb } from './types.js';

function usageItem(t: Translate, verb: Verb): ReplyItem {
  return {
    title: t(`commands.usage.${verb}.syntax`),
    subtitle: t(`commands.usage.${verb}.summary`),
    lines: [t('commands.help.example', { example: t(`commands.usage.${verb}.example`) })],
  };
}

/** Lists every command, or details one; `lead` is a sentence shown first, such as an error. */
export function helpReply(t: Translate, topic?: Verb, lead?: string): Reply {
  if (topic && topic !== 'help') return usageReply(t, topic, lead);
  const blocks: Reply['blocks'] = [];
  if (lead) blocks.push({ type: 'text', text: lead });
  blocks.push({ type: 'heading', text: t('commands.help.title') });
  blocks.push({ type: 'items', items: VERBS.filter((verb) => verb !== 'help').map((verb) => usageItem(t, verb)) });
  blocks.push({ type: 'context', text: t('commands.help.names') });
  const text = lead ? `${lead} ${t('commands.help.summary')}` : t('commands.help.summary');
  return { text, blocks };
}

/** Builds the usage of one command, after an optional lead sentence. */
export function usageReply(t: Translate, verb: Verb, lead?: string): Reply {
  const item = usageItem(t, verb);
  const blocks: Reply['blocks'] = [];
  if (lead) blocks.push({ type: 'text', text: lead });
  blocks.push({ type: 'items', items: [item] });
  blocks.push({ type: 'context', text: t('commands.help.more') });
  return { text: [lead, `${item.title} — ${item.subtitle}`].filter(Boolean).join(' '), blocks };
}
