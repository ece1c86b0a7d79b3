// Replies of the relationship charter: the charter and where a member stands, their own
// relationships, charter settings, introduction requests and their answers, and the audit log.
import { formatDate, type Locale, type Translate } from '../../i18n/index.js';
import type { CharterStanding } from '../charter/acceptance.js';
import type { AuditRow } from '../charter/audit-log.js';
import type { IntroductionAnswer, IntroductionParty, IntroductionsOverview } from '../charter/introductions.js';
import { MAX_RETENTION_MONTHS, type CharterSettings, type CharterUpdate } from '../charter/settings.js';
import type { CharterViewData } from '../charter/view.js';
import type { OwnRelationshipsPage, VisibilityChange } from '../charter/visibility.js';
import type { Visibility } from '../../domain/charter.js';
import type { Reply, ReplyAction, ReplyBlock } from '../reply.js';

/** The action id adapters run as a command line (RUN_ACTION of the command layer). */
const RUN = 'run';

const SECTIONS = ['purpose', 'ownership', 'visibility', 'hidden', 'acceptance', 'people', 'accountability', 'leaving'] as const;

/** Writes the charter text under the tenant's settings, one item per section. */
export function charterSections(settings: CharterSettings, t: Translate): Array<{ title: string; body: string }> {
  const params = {
    dealTeam: t(`charter.text.dealTeam.${settings.dealTeam}`),
    defaultVisibility: t(`charter.text.defaultVisibility.${settings.defaultVisibility}`),
    hidden: t(`charter.text.hidden.${settings.hiddenRelationships}`),
    acceptance: t(`charter.text.acceptance.${settings.requireAcceptance ? 'required' : 'optional'}`),
    retentionMonths: settings.retentionMonths,
  };
  return SECTIONS.map((section) => ({ title: t(`charter.text.sections.${section}.title`), body: t(`charter.text.sections.${section}.body`, params) }));
}

export interface CharterView {
  settings: CharterSettings;
  version: string;
  /** Where the reader stands; null for an anonymous reader. */
  standing: CharterStanding | null;
}

/** Builds the charter reply: the text, then where the member stands and what they can do. */
export function presentCharter(view: CharterView, t: Translate, locale: Locale): Reply {
  const heading = t('charter.heading', { version: view.version });
  const blocks: ReplyBlock[] = [{ type: 'heading', text: heading }];
  for (const section of charterSections(view.settings, t)) blocks.push({ type: 'items', items: [{ title: section.title, lines: [section.body] }] });
  blocks.push({ type: 'divider' });

  const standing = view.standing;
  const status = standing ? standingLines(standing, t, locale) : [t('charter.status.anonymous')];
  blocks.push({ type: 'text', text: status.join(' ') });
  if (standing) {
    const actions: ReplyAction[] = [];
    if (!standing.acceptedCurrent) actions.push({ id: RUN, label: t('charter.buttons.accept'), value: 'charter accept', style: 'primary' });
    actions.push(standing.optedOut ? { id: RUN, label: t('charter.buttons.optIn'), value: 'charter opt-in' } : { id: RUN, label: t('charter.buttons.optOut'), value: 'charter opt-out' });
    actions.push({ id: RUN, label: t('charter.buttons.mine'), value: 'my relationships' });
    blocks.push({ type: 'actions', actions });
  }
  return { text: `${heading}. ${status.join(' ')}`, blocks };
}

function standingLines(standing: CharterStanding, t: Translate, locale: Locale): string[] {
  const lines: string[] = [];
  if (standing.acceptedCurrent && standing.accepted) lines.push(t('charter.status.accepted', { date: formatDate(standing.accepted.at, locale) }));
  else if (standing.accepted) lines.push(t('charter.status.acceptedOlder', { accepted: standing.accepted.version, date: formatDate(standing.accepted.at, locale) }));
  else lines.push(t('charter.status.notAccepted'));
  if (standing.optedOut) lines.push(t('charter.status.optedOut'));
  else if (!standing.sharing && standing.settings.requireAcceptance) lines.push(t('charter.status.notSharing'));
  return lines;
}

/** Confirms an acceptance. */
export function presentAccepted(standing: CharterStanding, t: Translate): Reply {
  const lines = [t('charter.accepted', { version: standing.version })];
  if (standing.sharing) lines.push(t('charter.acceptedSharing'));
  else if (standing.optedOut) lines.push(t('charter.status.optedOut'));
  return single(lines.join(' '));
}

/** Confirms an opt-out or an opt-in. */
export function presentSharingChange(standing: CharterStanding, t: Translate): Reply {
  if (standing.optedOut) return single(t('charter.optedOut'));
  return single(t(standing.sharing ? 'charter.optedIn' : 'charter.optedInPending'));
}

/** Lists the member's own relationships with who can see each one. */
export function presentOwnRelationships(page: OwnRelationshipsPage, sharing: boolean, t: Translate): Reply {
  const heading = t('charter.mine.heading');
  if (page.total === 0) return { text: t('charter.mine.none'), blocks: [{ type: 'heading', text: heading }, { type: 'text', text: t('charter.mine.none') }] };

  const summary = t('charter.mine.summary', { count: page.total, private: page.byVisibility.private, dealTeam: page.byVisibility.deal_team, tenant: page.byVisibility.tenant });
  const rows = page.relationships.map((row) => [row.contact, row.account, t(`strength.${row.strength}`), t(`charter.visibility.audience.${row.visibility}`)]);
  const columns = ['contact', 'account', 'strength', 'visibility'].map((column) => t(`charter.mine.columns.${column}`));
  const blocks: ReplyBlock[] = [{ type: 'heading', text: heading }, { type: 'context', text: summary }];
  if (!sharing) blocks.push({ type: 'text', text: t('charter.mine.notSharing') });
  blocks.push({ type: 'table', columns, rows });
  const to = page.offset + page.relationships.length;
  if (to < page.total) blocks.push({ type: 'context', text: t('charter.mine.page', { from: page.offset + 1, to, total: page.total, next: Math.floor(to / page.limit) + 1 }) });
  blocks.push({ type: 'context', text: t('charter.mine.hint') });
  return { text: `${heading}. ${summary}`, blocks };
}

/** Confirms a visibility change. */
export function presentVisibilityChange(change: VisibilityChange, t: Translate): Reply {
  const audience = t(`charter.visibility.audience.${change.visibility}`);
  return single(t(change.previous === change.visibility ? 'charter.visibility.unchanged' : 'charter.visibility.changed', { contact: change.contact, audience }));
}

/** Confirms the visibility changes saved together, leaving out the relationships that kept theirs. */
export function presentVisibilityChanges(changes: VisibilityChange[], t: Translate): Reply {
  const changed = changes.filter((change) => change.previous !== change.visibility);
  if (changed.length === 0) return single(t('charterView.unchanged'));
  return single(changed.map((change) => presentVisibilityChange(change, t).text).join(' '));
}

/** Shows the charter settings and how an admin changes them. */
export function presentCharterSettings(settings: CharterSettings, version: string, t: Translate): Reply {
  const heading = t('charter.settings.heading');
  const fields = settingFields(settings, version, t);
  const hint = t('charter.settings.hint', { max: MAX_RETENTION_MONTHS });
  return {
    text: `${heading}. ${fields.map((field) => t('charter.pair', field)).join(t('query.listSeparator'))}`,
    // One line per setting, written with the reader's punctuation ("Label : valeur" in French).
    blocks: [{ type: 'heading', text: heading }, { type: 'text', text: fields.map((field) => t('charter.pair', field)).join('\n') }, { type: 'context', text: hint }],
  };
}

/** Confirms a settings change, which is a new charter version to accept. */
export function presentCharterUpdate(update: CharterUpdate, t: Translate): Reply {
  if (!update.newVersion) return single(t('charter.settings.unchanged'));
  const labels = settingFields(update.settings, update.newVersion, t);
  const changed = update.changed.map((key) => labels.find((field) => field.key === key)!).map((field) => t('charter.pair', field));
  return single(t('charter.settings.updated', { changed: changed.join('; '), version: update.newVersion }));
}

function settingFields(settings: CharterSettings, version: string, t: Translate): Array<{ key: string; label: string; value: string }> {
  const label = (key: string) => t(`charter.settings.labels.${key}`);
  return [
    { key: 'defaultVisibility', label: label('defaultVisibility'), value: t(`visibility.${settings.defaultVisibility}`) },
    { key: 'hiddenRelationships', label: label('hiddenRelationships'), value: t(`charter.settings.values.hidden.${settings.hiddenRelationships}`) },
    { key: 'dealTeam', label: label('dealTeam'), value: t(`charter.settings.values.dealTeam.${settings.dealTeam}`) },
    { key: 'retentionMonths', label: label('retentionMonths'), value: t('charter.settings.values.months', { count: settings.retentionMonths }) },
    { key: 'requireAcceptance', label: label('requireAcceptance'), value: t(`charter.settings.values.${settings.requireAcceptance ? 'yes' : 'no'}`) },
    { key: 'version', label: label('version'), value: version },
  ];
}

/** The button that asks for an introduction to a person, as query replies offer it. */
export function introductionAction(contact: string, account: string, t: Translate): ReplyAction {
  return { id: RUN, label: t('charter.intro.requestButton'), value: `introduction request ${quoted(contact)} at ${quoted(account)}` };
}

/** Quotes a name for a command line, as the tokenizer reads quotes and guillemets. */
function quoted(value: string): string {
  return value.includes('"') ? `«${value}»` : `"${value}"`;
}

/** Confirms to the requester that their request was passed on, naming nobody. */
export function presentIntroductionRequested(party: IntroductionParty, t: Translate): Reply {
  return single(t('charter.intro.requested', { ...party }));
}

/** The message a colleague gets: who asks, for whom, with buttons to accept or decline. */
export function presentIntroductionAsked(request: IntroductionParty & { requestId: string; requester: string }, t: Translate): Reply {
  const heading = t('charter.intro.askedHeading');
  const text = t('charter.intro.asked', { ...request });
  const actions: ReplyAction[] = [
    { id: RUN, label: t('charter.intro.accept'), value: `introduction accept ${request.requestId}`, style: 'primary' },
    { id: RUN, label: t('charter.intro.decline'), value: `introduction decline ${request.requestId}` },
  ];
  return {
    text,
    blocks: [{ type: 'heading', text: heading }, { type: 'text', text }, { type: 'context', text: t('charter.intro.askedPrivacy', { ...request }) }, { type: 'actions', actions }],
  };
}

/** Tells the requester who accepted. */
export function presentIntroductionAccepted(answer: IntroductionParty & { owner: string }, t: Translate): Reply {
  const text = t('charter.intro.acceptedForYou', { ...answer });
  return { text, blocks: [{ type: 'heading', text: t('charter.intro.acceptedHeading') }, { type: 'text', text }] };
}

/** Tells the requester that everyone asked declined, without naming anyone. */
export function presentIntroductionDeclined(party: IntroductionParty, t: Translate): Reply {
  const text = t('charter.intro.declinedForYou', { ...party });
  return { text, blocks: [{ type: 'heading', text: t('charter.intro.declinedHeading') }, { type: 'text', text }] };
}

/** Confirms an answer to the colleague who gave it. */
export function presentIntroductionAnswer(answer: IntroductionAnswer, t: Translate): Reply {
  return single(t(answer.decision === 'accept' ? 'charter.intro.acceptedByYou' : 'charter.intro.declinedByYou', { ...answer }));
}

/** Lists the requests waiting for the member and the member's own. */
export function presentIntroductions(overview: IntroductionsOverview, t: Translate, locale: Locale): Reply {
  const heading = t('charter.intro.listHeading');
  if (overview.toAnswer.length === 0 && overview.asked.length === 0) return { text: t('charter.intro.none'), blocks: [{ type: 'heading', text: heading }, { type: 'text', text: t('charter.intro.none') }] };
  const blocks: ReplyBlock[] = [{ type: 'heading', text: heading }];
  if (overview.toAnswer.length > 0) {
    blocks.push({ type: 'text', text: t('charter.intro.toAnswerHeading') });
    for (const request of overview.toAnswer) {
      blocks.push({ type: 'items', items: [{ title: t('charter.intro.toAnswerItem', { ...request }), subtitle: formatDate(request.createdAt, locale), lines: [t('charter.intro.answerHint', { id: request.requestId })] }] });
      blocks.push({
        type: 'actions',
        actions: [
          { id: RUN, label: t('charter.intro.accept'), value: `introduction accept ${request.requestId}`, style: 'primary' },
          { id: RUN, label: t('charter.intro.decline'), value: `introduction decline ${request.requestId}` },
        ],
      });
    }
  }
  if (overview.asked.length > 0) {
    const items = overview.asked.map((request) => ({
      title: `${request.contact} (${request.account})`,
      subtitle: t(`charter.intro.status.${request.status}`, { owner: request.acceptedBy ?? '' }),
      lines: [formatDate(request.createdAt, locale)],
    }));
    blocks.push({ type: 'text', text: t('charter.intro.askedListHeading') }, { type: 'items', items });
  }
  return { text: heading, blocks };
}

/** Shows audit rows as a table, latest first. */
export function presentAudit(rows: AuditRow[], t: Translate, locale: Locale): Reply {
  const heading = t('charter.audit.heading');
  if (rows.length === 0) return { text: t('charter.audit.none'), blocks: [{ type: 'heading', text: heading }, { type: 'text', text: t('charter.audit.none') }] };
  const table = rows.map((row) => [
    `${formatDate(row.at, locale)} ${row.at.slice(11, 16)}`,
    row.actor ?? (row.actorId ? row.actorId : t('charter.audit.operator')),
    row.action,
    targetText(row, t),
  ]);
  const columns = ['at', 'actor', 'action', 'target'].map((column) => t(`charter.audit.columns.${column}`));
  const summary = t('charter.audit.summary', { count: rows.length });
  return { text: `${heading}. ${summary}`, blocks: [{ type: 'heading', text: heading }, { type: 'context', text: summary }, { type: 'table', columns, rows: table }] };
}

function targetText(row: AuditRow, t: Translate): string {
  if (!row.targetId) return '';
  if (row.target) return row.target;
  if (row.targetType === 'contact' || row.targetType === 'account' || row.targetType === 'member') return t('charter.audit.erased', { type: row.targetType, id: row.targetId });
  return `${row.targetType ?? ''} ${row.targetId}`.trim();
}

/**
 * Action ids of the charter view's buttons and choices. Each surface routes them to
 * runCharterViewAction, except `save`, the Teams card's button that saves every choice at once.
 */
export const CHARTER_VIEW_ACTIONS = {
  accept: 'charter-view.accept',
  optOut: 'charter-view.opt-out',
  optIn: 'charter-view.opt-in',
  page: 'charter-view.page',
  introAccept: 'charter-view.intro-accept',
  introDecline: 'charter-view.intro-decline',
  visibility: 'charter-view.visibility',
  save: 'charter-view.save',
} as const;

const VIEW_ACTION_IDS: ReadonlySet<string> = new Set(Object.values(CHARTER_VIEW_ACTIONS));

/** Returns whether an action id is one of the charter view's. */
export function isCharterViewAction(actionId: string): boolean {
  return VIEW_ACTION_IDS.has(actionId);
}

/** Introduction requests the view lists; the `introductions` command lists them all. */
const VIEW_INTRODUCTIONS = 5;

/** One of the member's relationships in the view, with its current visibility. */
export interface CharterViewRow {
  relationshipId: string;
  title: string;
  subtitle: string;
  visibility: Visibility;
}

/**
 * The charter view in the reply model. Selects have no reply block, so the relationships come as
 * rows that each surface renders with its own select (a Slack static_select, a Teams ChoiceSet).
 */
export interface CharterViewModel {
  /** Plain-text summary, for notifications and fallbacks. */
  text: string;
  /** The member's standing with the charter, with accept, opt-out or share-again buttons. */
  standing: Reply;
  /** Heading, counts and notes above the rows, or the sentence saying there are none. */
  relationshipsIntro: Reply;
  rows: CharterViewRow[];
  /** Label of each row's select. */
  choiceLabel: string;
  choices: Array<{ value: Visibility; label: string }>;
  /** Range of the rows shown, when there is more than one page. */
  pageText: string | null;
  /** Previous and next page buttons, whose value is the row offset of that page. */
  navigation: ReplyAction[];
  /** The row offset of the page shown. */
  offset: number;
  /** Requests waiting for the member's answer, each with Accept and Decline buttons. */
  introductions: Reply;
}

/** Builds the charter view of a member. */
export function presentCharterView(view: CharterViewData, t: Translate, locale: Locale): CharterViewModel {
  const standing = presentViewStanding(view, t, locale);
  const { page } = view;
  const relationshipsHeading = t('charterView.relationships.heading');
  const introBlocks: ReplyBlock[] = [{ type: 'heading', text: relationshipsHeading }];
  if (page.total === 0) introBlocks.push({ type: 'text', text: t('charterView.relationships.none') });
  else {
    introBlocks.push({ type: 'context', text: t('charter.mine.summary', { count: page.total, private: page.byVisibility.private, dealTeam: page.byVisibility.deal_team, tenant: page.byVisibility.tenant }) });
    if (!view.standing.sharing) introBlocks.push({ type: 'text', text: t('charter.mine.notSharing') });
  }

  const rows = page.relationships.map((row) => {
    const where = row.title ? `${row.title}, ${row.account}` : row.account;
    return { relationshipId: row.relationshipId, title: row.contact, subtitle: `${where} · ${t(`strength.${row.strength}`)}`, visibility: row.visibility };
  });
  const to = page.offset + page.relationships.length;
  const navigation: ReplyAction[] = [];
  if (page.offset > 0) navigation.push({ id: CHARTER_VIEW_ACTIONS.page, label: t('charterView.relationships.previous'), value: String(Math.max(0, page.offset - page.limit)) });
  if (to < page.total) navigation.push({ id: CHARTER_VIEW_ACTIONS.page, label: t('charterView.relationships.next'), value: String(to) });
  const pageText = navigation.length > 0 ? t('charterView.relationships.page', { from: page.offset + 1, to, total: page.total }) : null;

  const choices = (['private', 'deal_team', 'tenant'] as const).map((value) => ({ value, label: t(`charterView.relationships.choices.${value}`) }));
  return {
    text: `${standing.text} ${t('charter.mine.summary', { count: page.total, private: page.byVisibility.private, dealTeam: page.byVisibility.deal_team, tenant: page.byVisibility.tenant })}`,
    standing,
    relationshipsIntro: { text: relationshipsHeading, blocks: introBlocks },
    rows,
    choiceLabel: t('charterView.relationships.label'),
    choices,
    pageText,
    navigation,
    offset: page.offset,
    introductions: presentViewIntroductions(view, t, locale),
  };
}

function presentViewStanding(view: CharterViewData, t: Translate, locale: Locale): Reply {
  const { standing } = view;
  const lines: string[] = [];
  if (standing.acceptedCurrent && standing.accepted) lines.push(t('charterView.standing.accepted', { version: standing.version, date: formatDate(standing.accepted.at, locale) }));
  else if (standing.accepted) lines.push(t('charterView.standing.acceptedOlder', { accepted: standing.accepted.version, date: formatDate(standing.accepted.at, locale), version: standing.version }));
  else lines.push(t('charterView.standing.notAccepted', { version: standing.version }));
  if (standing.optedOut) lines.push(t('charterView.standing.optedOut'));
  else if (!standing.sharing && standing.settings.requireAcceptance) lines.push(t('charterView.standing.notSharing'));
  else if (standing.sharing) lines.push(t('charterView.standing.sharing'));

  const actions: ReplyAction[] = [];
  if (!standing.acceptedCurrent) actions.push({ id: CHARTER_VIEW_ACTIONS.accept, label: t('charter.buttons.accept'), value: standing.version, style: 'primary' });
  if (standing.optedOut) actions.push({ id: CHARTER_VIEW_ACTIONS.optIn, label: t('charter.buttons.optIn'), value: '' });
  else actions.push({ id: CHARTER_VIEW_ACTIONS.optOut, label: t('charter.buttons.optOut'), value: '' });

  const text = lines.join(' ');
  const heading = t('charterView.heading');
  return { text, blocks: [{ type: 'heading', text: heading }, { type: 'text', text }, { type: 'actions', actions }, { type: 'context', text: t('charterView.standing.read') }] };
}

function presentViewIntroductions(view: CharterViewData, t: Translate, locale: Locale): Reply {
  const heading = t('charterView.introductions.heading');
  const blocks: ReplyBlock[] = [{ type: 'heading', text: heading }];
  if (view.toAnswer.length === 0) blocks.push({ type: 'text', text: t('charterView.introductions.none') });
  for (const request of view.toAnswer.slice(0, VIEW_INTRODUCTIONS)) {
    blocks.push({ type: 'items', items: [{ title: t('charter.intro.toAnswerItem', { ...request }), subtitle: formatDate(request.createdAt, locale), lines: [t('charter.intro.askedPrivacy', { ...request })] }] });
    blocks.push({
      type: 'actions',
      actions: [
        { id: CHARTER_VIEW_ACTIONS.introAccept, label: t('charter.intro.accept'), value: request.requestId, style: 'primary' },
        { id: CHARTER_VIEW_ACTIONS.introDecline, label: t('charter.intro.decline'), value: request.requestId },
      ],
    });
  }
  if (view.toAnswer.length > VIEW_INTRODUCTIONS) blocks.push({ type: 'context', text: t('charterView.introductions.more') });
  return { text: heading, blocks };
}

function single(text: string): Reply {
  return { text, blocks: [{ type: 'text', text }] };
}
