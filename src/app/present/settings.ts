// Replies of the settings command: the tenant's vocabularies and coverage settings, and the
// confirmation of a change.
import { DEFAULT_ROLE_WEIGHT, type CoveragePolicy } from '../../domain/coverage.js';
import type { Translate } from '../../i18n/index.js';
import type { Reply, ReplyItem } from '../reply.js';
import { KIND_OF, VOCABULARY_KEYS, type DroppedRule, type SettingsChange, type SettingsChangeResult, type VocabularyKey } from '../settings-change.js';
import { labelOf, type DealSettings, type TenantSettings } from '../settings.js';

// The command word of each list, shown under its name so admins see what to type.
const LIST_WORDS: Record<VocabularyKey | 'keyRoles', string> = {
  stages: 'stages',
  buyingStages: 'buying-stages',
  teamRoles: 'team-roles',
  committeeRoles: 'committee-roles',
  motivationTags: 'motivation-tags',
  keyRoles: 'key-roles',
};

/** Builds the reply listing every vocabulary and coverage setting. */
export function presentSettings(settings: TenantSettings, t: Translate): Reply {
  const { deals, coverage } = settings;
  const role = (id: string) => labelOf(deals, 'committeeRole', id, t);
  const none = t('settings.values.none');

  const lists: ReplyItem[] = VOCABULARY_KEYS.map((key) => ({
    title: t(`settings.names.${key}`),
    subtitle: `settings ${LIST_WORDS[key]}`,
    lines: [listText(deals, key, t)],
  }));
  // Stored as jsonb, whose key order is not the buying roles' order.
  const roleOrder = deals.committeeRoles.map((entry) => entry.id);
  const rank = (id: string) => (roleOrder.includes(id) ? roleOrder.indexOf(id) : roleOrder.length);
  const weights = Object.entries(coverage.roleWeights)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([id, weight]) => t('settings.values.weight', { role: role(id), weight: weightText(weight, t) }));

  return {
    text: t('settings.heading'),
    blocks: [
      { type: 'heading', text: t('settings.heading') },
      { type: 'items', items: lists },
      { type: 'heading', text: t('settings.coverage') },
      {
        type: 'fields',
        fields: [
          { label: t('settings.names.keyRoles'), value: coverage.keyRoles.map(role).join(', ') || none },
          { label: t('settings.names.coveredMinStrength'), value: t('settings.values.strength', { value: coverage.coveredMinStrength }) },
          { label: t('settings.names.coveredWithinDays'), value: t('settings.values.days', { count: coverage.coveredWithinDays }) },
          { label: t('settings.names.staleWarningDays'), value: t('settings.values.days', { count: coverage.staleWarningDays }) },
          { label: t('settings.names.maxAssignmentsPerMember'), value: String(coverage.maxAssignmentsPerMember) },
          { label: t('settings.names.accountContactLimit'), value: String(coverage.accountContactLimit) },
          { label: t('settings.names.stageExpectations'), value: expectationsText(deals, coverage, t) || none },
          { label: t('settings.names.roleWeights'), value: weights.join(', ') || none },
        ],
      },
      { type: 'context', text: t('settings.howToChange') },
    ],
  };
}

/** Lists the stage expectations, one phrase per stage: "from Proposal on, Economic buyer, Champion". */
function expectationsText(deals: DealSettings, coverage: CoveragePolicy, t: Translate): string {
  const rolesByStage = new Map<string, string[]>();
  for (const expectation of coverage.stageExpectations) {
    rolesByStage.set(expectation.fromStage, [...(rolesByStage.get(expectation.fromStage) ?? []), labelOf(deals, 'committeeRole', expectation.role, t)]);
  }
  return [...rolesByStage].map(([stage, roles]) => t('settings.values.expectation', { stage: labelOf(deals, 'stage', stage, t), role: roles.join(', ') })).join('; ');
}

/** Formats a weight with the reader's decimal separator: 0.8 in English, 0,8 in French. */
function weightText(weight: number, t: Translate): string {
  return new Intl.NumberFormat(t('deals.languageCode'), { maximumFractionDigits: 6 }).format(weight);
}

function listText(deals: DealSettings, key: VocabularyKey, t: Translate): string {
  const labels = deals[key].map((entry) => labelOf(deals, KIND_OF[key], entry.id, t));
  // Stages are an order; the other lists are sets.
  return labels.join(key === 'stages' || key === 'buyingStages' ? ' → ' : ', ');
}

/** Builds the confirmation of a change: the new value, what was added and removed, and the coverage rules dropped. */
export function presentSettingsChange(result: SettingsChangeResult, change: SettingsChange, t: Translate): Reply {
  const setting = t(`settings.names.${settingKeyOf(change)}`);
  if (!result.changed) return textOnly(t('settings.reply.unchanged', { setting }));

  const { deals, coverage } = result.settings;
  if (change.kind === 'roleWeight') return textOnly(roleWeightSentence(result, t));
  if (change.kind === 'number') return textOnly(t('settings.reply.numberChanged', { setting, value: coverage[change.key] }));

  const kind = change.kind === 'vocabulary' ? KIND_OF[change.key] : 'committeeRole';
  const label = (id: string) => labelOf(deals, kind, id, t);
  const none = t('settings.values.none');
  let values: string;
  if (change.kind === 'vocabulary') values = listText(deals, change.key, t);
  else if (change.kind === 'keyRoles') values = coverage.keyRoles.map(label).join(', ') || none;
  else values = expectationsText(deals, coverage, t) || none;

  const sentences = [t('settings.reply.listChanged', { setting, values })];
  if (result.added.length > 0) sentences.push(t('settings.reply.added', { values: result.added.map(label).join(', ') }));
  if (result.removed.length > 0) sentences.push(t('settings.reply.removed', { values: result.removed.map(label).join(', ') }));
  if (result.dropped.length > 0) sentences.push(t('settings.reply.dropped', { rules: result.dropped.map((rule) => droppedText(rule, deals, t)).join('; ') }));
  return textOnly(sentences.join(' '));
}

/** Confirms a role's new weight, or that it has none of its own and weighs the default. */
function roleWeightSentence(result: SettingsChangeResult, t: Translate): string {
  const roleId = result.role!;
  const role = labelOf(result.settings.deals, 'committeeRole', roleId, t);
  const weight = result.settings.coverage.roleWeights[roleId];
  if (weight === undefined) return t('settings.reply.roleWeightRemoved', { role, weight: weightText(DEFAULT_ROLE_WEIGHT, t) });
  return t('settings.reply.roleWeightChanged', { role, weight: weightText(weight, t) });
}

/** Names a dropped rule. Its role or stage is no longer configured, so labelOf falls back to words. */
function droppedText(rule: DroppedRule, deals: DealSettings, t: Translate): string {
  const role = labelOf(deals, 'committeeRole', rule.role, t);
  if (rule.kind === 'keyRole') return t('settings.reply.droppedKeyRole', { role });
  return t('settings.values.expectation', { stage: labelOf(deals, 'stage', rule.fromStage, t), role });
}

function settingKeyOf(change: SettingsChange): string {
  switch (change.kind) {
    case 'keyRoles':
      return 'keyRoles';
    case 'stageExpectation':
      return 'stageExpectations';
    case 'roleWeight':
      return 'roleWeights';
    default:
      return change.key;
  }
}

function textOnly(text: string): Reply {
  return { text, blocks: [{ type: 'text', text }] };
}
