// Renders the charter view as an Adaptive Card: the standing and introductions through the reply
// card renderer, and a ChoiceSet of visibility per relationship with one Save button for all.
import type { Visibility } from '../../domain/charter.js';
import { CHARTER_VIEW_ACTIONS, isCharterViewAction, type CharterViewModel } from '../../app/present/charter.js';
import type { Reply } from '../../app/reply.js';
import type { Translate } from '../../i18n/index.js';
import { emptyCard, renderActions, renderReplyCard, SUBMIT_VERB, type AdaptiveCard, type CardElement } from './reply-card.js';

/** Prefix of each relationship's ChoiceSet id; the relationship id follows it. */
export const VISIBILITY_INPUT_PREFIX = 'visibility.';

/** Data of the card's buttons: besides the action, the page shown and, for Save, the visibilities it compares with. */
export interface CharterSubmitData {
  verb: typeof SUBMIT_VERB;
  actionId: string;
  value: string;
  /** Row offset of the relationships shown, so the card comes back at the same page. */
  offset?: number;
  /** Save only: each shown relationship's visibility when the card was drawn, by relationship id. */
  shown?: Record<string, Visibility>;
}

/** Builds the card of a charter view, with a confirmation or failure at the top when given. */
export function renderCharterCard(model: CharterViewModel, t: Translate, notice?: Reply): AdaptiveCard {
  const body: CardElement[] = [];
  if (notice) body.push({ type: 'TextBlock', text: notice.text, wrap: true, weight: 'Bolder', color: notice.error ? 'Attention' : 'Good' });
  body.push(...bodyOf(model.standing, t), ...separated(bodyOf(model.relationshipsIntro, t)));

  for (const row of model.rows) {
    body.push({
      type: 'Container',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: row.title, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: row.subtitle, isSubtle: true, spacing: 'None', wrap: true },
        {
          type: 'Input.ChoiceSet',
          id: `${VISIBILITY_INPUT_PREFIX}${row.relationshipId}`,
          label: model.choiceLabel,
          style: 'compact',
          isRequired: true,
          value: row.visibility,
          choices: model.choices.map((choice) => ({ title: choice.label, value: choice.value })),
        },
      ],
    });
  }
  if (model.pageText) body.push({ type: 'TextBlock', text: model.pageText, isSubtle: true, size: 'Small', wrap: true });
  const save = model.rows.length > 0 ? [{ id: CHARTER_VIEW_ACTIONS.save, label: t('charterView.relationships.save'), value: '', style: 'primary' as const }] : [];
  if (save.length + model.navigation.length > 0) body.push(renderActions([...save, ...model.navigation]));
  body.push(...separated(bodyOf(model.introductions, t)));

  const shown = Object.fromEntries(model.rows.map((row) => [row.relationshipId, row.visibility]));
  const card = emptyCard(body);
  addCardState(card.body, model.offset, shown);
  return card;
}

function bodyOf(reply: Reply, t: Translate): CardElement[] {
  return renderReplyCard(reply, t).body;
}

function separated(elements: CardElement[]): CardElement[] {
  const [first, ...rest] = elements;
  return first ? [{ ...first, separator: true, spacing: 'Large' }, ...rest] : [];
}

/** Adds the page offset to every charter button's data, and the shown visibilities to Save's. */
function addCardState(elements: unknown, offset: number, shown: Record<string, Visibility>): void {
  if (Array.isArray(elements)) {
    for (const element of elements) addCardState(element, offset, shown);
    return;
  }
  if (!elements || typeof elements !== 'object') return;
  const element = elements as Record<string, unknown>;
  const data = element.data as CharterSubmitData | undefined;
  if (element.type === 'Action.Submit' && data?.verb === SUBMIT_VERB && isCharterViewAction(data.actionId)) {
    data.offset = offset;
    if (data.actionId === CHARTER_VIEW_ACTIONS.save) data.shown = shown;
  }
  for (const child of Object.values(element)) if (child && typeof child === 'object') addCardState(child, offset, shown);
}
