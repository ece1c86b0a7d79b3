// Renders a platform-neutral Reply as text for a terminal.
import Table from 'cli-table3';

import type { Reply, ReplyBlock } from '../app/reply.js';
import type { Translate } from '../i18n/index.js';

const useColour = () => process.stdout.isTTY === true && !process.env.NO_COLOR;
const bold = (text: string) => (useColour() ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string) => (useColour() ? `\u001b[2m${text}\u001b[22m` : text);

/**
 * Returns the terminal text of a reply, blocks separated by blank lines. `t` sets how a label
 * meets its value (French puts a space before the colon); without it the English form is used.
 */
export function renderReply(reply: Reply, t?: Translate): string {
  const labelled = (label: string, value: string) => (t ? (t('labelled', { label, value }) as string) : `${label}: ${value}`);
  return reply.blocks
    .map((block) => renderBlock(block, labelled))
    .filter((text) => text.length > 0)
    .join('\n\n');
}

function renderBlock(block: ReplyBlock, labelled: (label: string, value: string) => string): string {
  switch (block.type) {
    case 'heading':
      return bold(block.text);
    case 'text':
      return block.text;
    case 'context':
      return dim(block.text);
    case 'divider':
      return dim('─'.repeat(40));
    case 'fields':
      return block.fields.map((field) => labelled(bold(field.label), field.value)).join('\n');
    case 'items':
      return block.items
        .map((item) => {
          const head = item.subtitle ? `${bold(item.title)} — ${item.subtitle}` : bold(item.title);
          return [head, ...(item.lines ?? []).map((line) => `    ${line}`)].join('\n');
        })
        .join('\n');
    case 'table': {
      const table = new Table({ head: block.columns.map((column) => bold(column)), style: { head: [], border: [] }, wordWrap: true });
      for (const row of block.rows) table.push(row);
      return table.toString();
    }
    case 'actions':
      // Buttons have no terminal form; the commands they stand for are shown instead. A paging
      // action's value is the command line of the next page.
      return block.actions.map((action) => dim(action.id === 'page' ? `→ ${action.label} (${action.value})` : `→ ${action.label}`)).join('\n');
    case 'image':
      return dim(`[${block.alt}] ${block.url}`);
  }
}
