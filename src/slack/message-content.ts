// Reads the content of a Slack message, whatever its shape: plain text, rich_text and section
// blocks, attachments (shared messages, unfurls, bot posts), file shares, bot messages and edited messages.

export interface MessageContent {
  /** The message as mrkdwn-like text; user mentions stay as <@U…> for the caller to name. */
  text: string;
  /** Users mentioned anywhere in the message, in order, without repeats. */
  mentionedUserIds: string[];
  /** The human author; unset for bot and integration messages. */
  authorUserId?: string;
  /** The display name of a bot or integration author. */
  botName?: string;
}

type Json = Record<string, unknown>;

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value.filter((item) => item && typeof item === 'object') as Json[]) : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** Renders one rich_text element (text, link, user, emoji…) as text. */
function richElement(element: Json): string {
  switch (element.type) {
    case 'text':
      return asString(element.text) ?? '';
    case 'link': {
      const url = asString(element.url) ?? '';
      const label = asString(element.text);
      return label && label !== url ? `<${url}|${label}>` : `<${url}>`;
    }
    case 'user':
      return `<@${asString(element.user_id) ?? ''}>`;
    case 'channel':
      return `<#${asString(element.channel_id) ?? ''}>`;
    case 'usergroup':
      return '@group';
    case 'broadcast':
      return `@${asString(element.range) ?? 'here'}`;
    case 'emoji':
      return element.unicode ? String.fromCodePoint(...String(element.unicode).split('-').map((hex) => parseInt(hex, 16))) : `:${asString(element.name) ?? ''}:`;
    case 'date':
      return asString(element.fallback) ?? '';
    default:
      return asString(element.text) ?? '';
  }
}

function richSection(section: Json): string {
  const inline = () => asArray(section.elements).map(richElement).join('');
  switch (section.type) {
    case 'rich_text_list':
      return asArray(section.elements)
        .map((item, index) => `${section.style === 'ordered' ? `${index + 1}.` : '•'} ${richSection(item)}`)
        .join('\n');
    case 'rich_text_quote':
      return inline()
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    default:
      return inline();
  }
}

/** Renders the message's blocks as text; rich_text is the authoritative form of what a person typed. */
function blocksText(blocks: Json[]): string {
  return blocks
    .map((block) => {
      if (block.type === 'rich_text') return asArray(block.elements).map(richSection).join('\n');
      if (block.type === 'section') {
        const text = asString((block.text as Json | undefined)?.text);
        const fields = asArray(block.fields).map((field) => asString(field.text) ?? '');
        return [text, ...fields].filter(Boolean).join('\n');
      }
      if (block.type === 'header') return asString((block.text as Json | undefined)?.text) ?? '';
      if (block.type === 'context') return asArray(block.elements).map((element) => asString(element.text) ?? '').join(' ');
      return '';
    })
    .filter(Boolean)
    .join('\n');
}

function attachmentText(attachment: Json): string {
  const fields = asArray(attachment.fields).map((field) => [asString(field.title), asString(field.value)].filter(Boolean).join(': '));
  const nested = asArray(attachment.message_blocks).map((entry) => blocksText(asArray((entry.message as Json | undefined)?.blocks)));
  const body = asString(attachment.text) ?? nested.join('\n');
  const parts = [asString(attachment.pretext), asString(attachment.author_name), asString(attachment.title), body, ...fields];
  const text = parts.filter(Boolean).join('\n');
  return text || asString(attachment.fallback) || '';
}

function filesText(files: Json[]): string {
  return files
    .map((file) => asString(file.title) ?? asString(file.name))
    .filter((name): name is string => Boolean(name))
    .map((name) => `[${name}]`)
    .join('\n');
}

/** Reads the text, mentions and author of a message as a message shortcut delivers it. */
export function readMessage(message: Json): MessageContent {
  const blocks = asArray(message.blocks);
  const hasRichText = blocks.some((block) => block.type === 'rich_text');
  const main = hasRichText ? blocksText(blocks) : asString(message.text) ?? blocksText(blocks);
  const attachments = asArray(message.attachments).map(attachmentText).filter(Boolean);
  const files = filesText(asArray(message.files));
  const text = [main, ...attachments, files].filter((part) => part && part.trim().length > 0).join('\n\n').trim();

  const mentionedUserIds = [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((match) => match[1]!))];
  const isBot = Boolean(message.bot_id) || message.subtype === 'bot_message';
  const authorUserId = !isBot ? asString(message.user) : undefined;
  const botName = isBot ? asString((message.bot_profile as Json | undefined)?.name) ?? asString(message.username) : undefined;
  return { text, mentionedUserIds, ...(authorUserId && { authorUserId }), ...(botName && { botName }) };
}

/** Replaces <@U…> mentions by @names, for text a person reads. */
export function nameMentions(text: string, names: Map<string, string>): string {
  return text.replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, label?: string) => `@${names.get(id) ?? label ?? id}`);
}
