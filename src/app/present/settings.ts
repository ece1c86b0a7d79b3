// Replies of the settings command: the tenant's vocabularies and coverage settings, and the
// confirmation of a change.
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
  const expectations = coverage.stageExpectations.map((expectation) => t('settings.values.expectation', { stage: labelOf(deals, 'stage', expectation.fromStage, t), role: role(expectation.role) }));
  const weights = Object.entries(coverage.roleWeights).map(([id, weight]) => t('settings.values.weight', { role: role(id), weight }));

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
          { label: t('settings.names.stageExpectations'), value: expectations.join('; ') || none },
          { label: t('settings.names.roleWeights'), value: weights.join(', ') || none },
        ],
      },
      { type: 'context', text: t('settings.howToChange') },
    ],
  };
}

function listText(deals: DealSettings, key: VocabularyKey, t: Translate): string {
  const labels = deals[key].map((entry) => labelOf(deals, KIND_OF[key], entry.id, t));
  // Stages are an order; the other lists are sets.
  return labels.join(key === 'stages' || key === 'buyingStages' ? ' → ' : ', ');
}

/** Builds the confirmation of a change: the new value, what was added and removed, and the coverage rules dropped. */
export function presentSettingsChange(result: SettingsChangeResult, change: SettingsChange, t: Translate): Reply {
  const key = change.kind === 'keyRoles' ? 'keyRoles' : change.key;
  const setting = t(`settings.names.${key}`);
  if (!result.changed) return textOnly(t('settings.reply.unchanged', { setting }));

  const { deals, coverage } = result.settings;
  const sentences: string[] = [];
  if (change.kind === 'number') {
    sentences.push(t('settings.reply.numberChanged', { setting, value: coverage[change.key] }));
  } else {
    const kind = change.kind === 'keyRoles' ? 'committeeRole' : KIND_OF[change.key];
    const label = (id: string) => labelOf(deals, kind, id, t);
    const values = change.kind === 'keyRoles' ? coverage.keyRoles.map(label).join(', ') || t('settings.values.none') : listText(deals, change.key, t);
    sentences.push(t('settings.reply.listChanged', { setting, values }));
    if (result.added.length > 0) sentences.push(t('settings.reply.added', { values: result.added.map(label).join(', ') }));
    if (result.removed.length > 0) sentences.push(t('settings.reply.removed', { values: result.removed.map(label).join(', ') }));
  }
  if (result.dropped.length > 0) sentences.push(t('settings.reply.dropped', { rules: result.dropped.map((rule) => droppedText(rule, deals, t)).join('; ') }));
  return textOnly(sentences.join(' '));
}

/** Names a dropped rule. Its role or stage is no longer configured, so labelOf falls back to words. */
function droppedText(rule: DroppedRule, deals: DealSettings, t: Translate): string {
  const role = labelOf(deals, 'committeeRole', rule.role, t);
  if (rule.kind === 'keyRole') return t('settings.reply.droppedKeyRole', { role });
  return t('settings.values.expectation', { stage: labelOf(deals, 'stage', rule.fromStage, t), role });
}

function textOnly(text: string): Reply {
  return { text, blocks: [{ type: 'text', text }] };
}
