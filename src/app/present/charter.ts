// Replies of the relationship charter: the charter and where a member stands, their own
// relationships, charter settings, introduction requests and their answers, and the audit log.
import { formatDate, type Locale, type Translate } from '../../i18n/index.js';
import type { CharterStanding } from '../charter/acceptance.js';
import type { AuditRow } from '../charter/audit-log.js';
import type { IntroductionAnswer, IntroductionParty, IntroductionsOverview } from '../charter/introductions.js';
import { MAX_RETENTION_MONTHS, type CharterSettings, type CharterUpdate } from '../charter/settings.js';
import type { OwnRelationshipsPage, VisibilityChange } from '../charter/visibility.js';
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

/** Shows the charter settings and how an admin changes them. */
export function presentCharterSettings(settings: CharterSettings, version: string, t: Translate): Reply {
  const heading = t('charter.settings.heading');
  const fields = settingFields(settings, version, t);
  const hint = t('charter.settings.hint', { max: MAX_RETENTION_MONTHS });
  return {
    text: `${heading}. ${fields.map((field) => t('charter.pair', field)).join('; ')}`,
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

function single(text: string): Reply {
  return { text, blocks: [{ type: 'text', text }] };
}
