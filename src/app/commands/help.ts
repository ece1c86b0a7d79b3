// The help of the command grammar, in the user's language: every command, or one in detail.
import type { Translate } from '../../i18n/index.js';
import type { Reply, ReplyItem } from '../reply.js';
import { charterHelpItems } from './charter.js';
import { VERBS } from './grammar.js';
import type { HelpTopic } from './types.js';

/** Builds one command's help; `detailed` adds the forms it takes, for commands that list them. */
function usageItem(t: Translate, verb: HelpTopic, detailed = false): ReplyItem {
  const forms = detailed ? (t(`commands.usage.${verb}.forms`, { defaultValue: '' }) as string) : '';
  return {
    title: t(`commands.usage.${verb}.syntax`),
    subtitle: t(`commands.usage.${verb}.summary`),
    lines: [...(forms ? forms.split('\n') : []), t('commands.help.example', { example: t(`commands.usage.${verb}.example`) })],
  };
}

/** Lists every command, or details one; `lead` is a sentence shown first, such as an error. */
export function helpReply(t: Translate, topic?: HelpTopic, lead?: string): Reply {
  if (topic && topic !== 'help') return usageReply(t, topic, lead);
  const blocks: Reply['blocks'] = [];
  if (lead) blocks.push({ type: 'text', text: lead });
  blocks.push({ type: 'heading', text: t('commands.help.title') });
  blocks.push({ type: 'items', items: VERBS.filter((verb) => verb !== 'help').map((verb) => usageItem(t, verb)) });
  blocks.push({ type: 'heading', text: t('charter.help.heading') }, { type: 'items', items: charterHelpItems(t) });
  blocks.push({ type: 'context', text: t('commands.help.names') });
  const text = lead ? `${lead} ${t('commands.help.summary')}` : t('commands.help.summary');
  return { text, blocks };
}

/** Builds the usage of one command, after an optional lead sentence. */
export function usageReply(t: Translate, verb: HelpTopic, lead?: string): Reply {
  const item = usageItem(t, verb, true);
  const blocks: Reply['blocks'] = [];
  if (lead) blocks.push({ type: 'text', text: lead });
  blocks.push({ type: 'items', items: [item] });
  blocks.push({ type: 'context', text: t('commands.help.more') });
  return { text: [lead, `${item.title} — ${item.subtitle}`].filter(Boolean).join(' '), blocks };
}
