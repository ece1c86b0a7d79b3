// Renders the charter view as Home tab blocks: a static_select per relationship, and buttons whose
// action ids start with CHARTER_ACTION_PREFIX, so the charter listener receives them rather than
// the command-line buttons of o2o's messages.
import type { types } from '@slack/bolt';

import { visibilityChoiceValue } from '../../app/charter/view.js';
import { CHARTER_VIEW_ACTIONS, type CharterViewModel } from '../../app/present/charter.js';
import type { Reply, ReplyAction, ReplyBlock } from '../../app/reply.js';
import { option, plain } from '../modals/elements.js';
import { LIMITS, renderBlocks, type SlackBlock } from './blocks.js';
import { bold, escapeMrkdwn, truncate } from './mrkdwn.js';

export const CHARTER_ACTION_PREFIX = 'o2o-charter:';

// Slack rejects a button value over 2,000 characters and a static_select placeholder over 150.
const MAX_BUTTON_VALUE = 2_000;
const PLACEHOLDER_TEXT = 150;

/** Builds the action_id of a charter action; the index keeps ids unique within the view. */
export function charterActionId(actionId: string, index: number): string {
  return `${CHARTER_ACTION_PREFIX}${actionId}:${index}`;
}

/** Returns the charter action id an action_id carries, or undefined for another action_id. */
export function charterActionOf(slackActionId: string): string | undefined {
  if (!slackActionId.startsWith(CHARTER_ACTION_PREFIX)) return undefined;
  const rest = slackActionId.slice(CHARTER_ACTION_PREFIX.length);
  const end = rest.lastIndexOf(':');
  return end > 0 ? rest.slice(0, end) : undefined;
}

/** Renders the charter view, from its standing section to the introductions waiting for an answer. */
export function renderCharterView(model: CharterViewModel): SlackBlock[] {
  const counter = { next: 0 };
  const blocks: SlackBlock[] = [{ type: 'divider' }, ...renderWithCharterButtons(model.standing.blocks, counter), { type: 'divider' }];
  blocks.push(...renderWithCharterButtons(model.relationshipsIntro.blocks, counter));

  model.rows.forEach((row, index) => {
    const options = model.choices.map((choice) => option(choice.label, visibilityChoiceValue(row.relationshipId, choice.value)));
    const initial = options[model.choices.findIndex((choice) => choice.value === row.visibility)];
    blocks.push({
      type: 'section',
      block_id: `charter-relationship-${index}`,
      text: { type: 'mrkdwn', text: truncate(`${bold(escapeMrkdwn(row.title))}\n${escapeMrkdwn(row.subtitle)}`, LIMITS.sectionText) },
      accessory: {
        type: 'static_select',
        action_id: charterActionId(CHARTER_VIEW_ACTIONS.visibility, index),
        placeholder: plain(model.choiceLabel, PLACEHOLDER_TEXT),
        options,
        ...(initial && { initial_option: initial }),
      },
    });
  });

  const footer: ReplyBlock[] = [];
  if (model.pageText) footer.push({ type: 'context', text: model.pageText });
  if (model.navigation.length > 0) footer.push({ type: 'actions', actions: model.navigation });
  blocks.push(...renderWithCharterButtons(footer, counter), { type: 'divider' }, ...renderWithCharterButtons(model.introductions.blocks, counter));
  return blocks;
}

/** Renders a notice above the Home tab's content: a confirmation, or a failure marked with a warning sign. */
export function renderNotice(notice: Reply): SlackBlock {
  const mark = notice.error ? ':warning: ' : ':white_check_mark: ';
  return { type: 'section', block_id: 'charter-notice', text: { type: 'mrkdwn', text: truncate(`${mark}${escapeMrkdwn(notice.text)}`, LIMITS.sectionText) } };
}

/** Renders reply blocks with the shared renderer, except actions, which become charter buttons. */
function renderWithCharterButtons(blocks: ReplyBlock[], counter: { next: number }): SlackBlock[] {
  return blocks.flatMap((block) => (block.type === 'actions' ? [charterButtons(block.actions, counter)] : renderBlocks([block])));
}

function charterButtons(actions: ReplyAction[], counter: { next: number }): SlackBlock {
  const elements: types.Button[] = actions.slice(0, LIMITS.actionsElements).map((action) => ({
    type: 'button',
    action_id: charterActionId(action.id, counter.next++),
    text: plain(action.label, LIMITS.buttonText),
    ...(action.value && { value: action.value.slice(0, MAX_BUTTON_VALUE) }),
    ...(action.style && { style: action.style }),
  }));
  return { type: 'actions', elements };
}
