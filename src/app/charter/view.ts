// The member's charter view, as the Slack Home tab and the Teams card show it: where they stand
// with the charter, one page of their own relationships with the visibility of each, and the
// introduction requests waiting for their answer. Also runs the view's buttons and choices.
import { VISIBILITIES, type Visibility } from '../../domain/charter.js';
import type { Translate } from '../../i18n/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import {
  CHARTER_VIEW_ACTIONS,
  presentAccepted,
  presentIntroductionAnswer,
  presentSharingChange,
  presentVisibilityChange,
  presentVisibilityChanges,
} from '../present/charter.js';
import type { Reply } from '../reply.js';
import { acceptCharter, optBackIn, optOutOfSharing, readCharterStanding, requireActor, type CharterStanding } from './acceptance.js';
import { answerIntroduction, listIntroductions, type IntroductionsOverview } from './introductions.js';
import { listOwnRelationships, setOwnVisibility, type OwnRelationshipsPage, type VisibilityChange } from './visibility.js';

/** Relationships on one page of the view: ten rows keep a Slack Home tab well under its 100 blocks. */
export const VIEW_PAGE_SIZE = 10;

export interface CharterViewData {
  standing: CharterStanding;
  page: OwnRelationshipsPage;
  /** Requests addressed to the member and still pending, latest first. */
  toAnswer: IntroductionsOverview['toAnswer'];
}

type ViewContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now' | 'locale' | 'logger'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads the acting member's charter view at a row offset; an offset past the end shows the last page. */
export async function loadCharterView(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor'>, offset = 0): Promise<CharterViewData> {
  const memberId = requireActor(ctx);
  const standing = await readCharterStanding(ctx, memberId);
  let page = await listOwnRelationships(ctx, { offset: pageStart(offset), limit: VIEW_PAGE_SIZE });
  if (page.relationships.length === 0 && page.total > 0) {
    page = await listOwnRelationships(ctx, { offset: pageStart(page.total - 1), limit: VIEW_PAGE_SIZE });
  }
  const { toAnswer } = await listIntroductions(ctx);
  return { standing, page, toAnswer };
}

/** Rounds an offset down to the first row of its page; anything that is not a row number gives 0. */
export function pageStart(offset: unknown): number {
  const value = Number(offset);
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) return 0;
  return value - (value % VIEW_PAGE_SIZE);
}

/** Result of a view action: the confirmation to show (none for paging) and the page to show next. */
export interface ViewActionOutcome {
  notice: Reply | null;
  offset: number;
}

/**
 * Runs a button or a visibility choice of the view. Returns null when `actionId` is not one of
 * the view's, so a surface can try its other handlers. Use-case errors are thrown.
 */
export async function runCharterViewAction(ctx: ViewContext, t: Translate, actionId: string, value: string, offset: number): Promise<ViewActionOutcome | null> {
  const stay = pageStart(offset);
  switch (actionId) {
    case CHARTER_VIEW_ACTIONS.accept:
      return { notice: presentAccepted(await acceptCharter(ctx), t), offset: stay };
    case CHARTER_VIEW_ACTIONS.optOut:
      return { notice: presentSharingChange(await optOutOfSharing(ctx), t), offset: stay };
    case CHARTER_VIEW_ACTIONS.optIn:
      return { notice: presentSharingChange(await optBackIn(ctx), t), offset: stay };
    case CHARTER_VIEW_ACTIONS.page:
      return { notice: null, offset: pageStart(value) };
    case CHARTER_VIEW_ACTIONS.introAccept:
    case CHARTER_VIEW_ACTIONS.introDecline: {
      if (!UUID.test(value)) throw new AppError('invalid_input', 'charterView.errors.invalidAction');
      const decision = actionId === CHARTER_VIEW_ACTIONS.introAccept ? 'accept' : 'decline';
      return { notice: presentIntroductionAnswer(await answerIntroduction(ctx, value.toLowerCase(), decision), t), offset: stay };
    }
    case CHARTER_VIEW_ACTIONS.visibility: {
      const choice = parseVisibilityChoice(value);
      return { notice: presentVisibilityChange(await setRelationshipVisibility(ctx, choice.relationshipId, choice.visibility), t), offset: stay };
    }
    default:
      return null;
  }
}

/** Encodes the value of one visibility choice of a relationship, as the view's selects carry it. */
export function visibilityChoiceValue(relationshipId: string, visibility: Visibility): string {
  return `${relationshipId}:${visibility}`;
}

/** Reads a visibility choice value; rejects a value the view never wrote. */
export function parseVisibilityChoice(value: string): { relationshipId: string; visibility: Visibility } {
  const [relationshipId = '', visibility = ''] = value.split(':');
  if (!UUID.test(relationshipId) || !(VISIBILITIES as readonly string[]).includes(visibility)) {
    throw new AppError('invalid_input', 'charterView.errors.invalidChoice');
  }
  return { relationshipId: relationshipId.toLowerCase(), visibility: visibility as Visibility };
}

/**
 * Changes the visibility of one of the acting member's relationships, named by its id. The change
 * goes through setOwnVisibility, so it is kept in the relationship's history and in the audit.
 */
export async function setRelationshipVisibility(ctx: ViewContext, relationshipId: string, visibility: Visibility): Promise<VisibilityChange> {
  return setOwnVisibility(ctx, { relationshipId, visibility });
}

/**
 * Saves the visibilities of a card's relationships together: either every change is stored or
 * none is. Returns the confirmation, or a "nothing changed" sentence for an empty list.
 */
export async function saveRelationshipVisibilities(ctx: ViewContext, t: Translate, choices: Array<{ relationshipId: string; visibility: Visibility }>): Promise<Reply> {
  const changes = await ctx.db.transaction(async (tx) => {
    const done: VisibilityChange[] = [];
    for (const choice of choices) done.push(await setOwnVisibility({ ...ctx, db: tx as never }, choice));
    return done;
  });
  return presentVisibilityChanges(changes, t);
}
