// Tenant settings for deals and coverage: selling stages, buying stages, role vocabularies and
// coverage thresholds. Stored in tenants.settings under the keys "deals" and "coverage"; any
// part left out, or stored invalid, falls back to the defaults below.
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';

import type { CoveragePolicy } from '../domain/coverage.js';
import { normalizeName } from '../domain/names.js';
import type { Translate } from '../i18n/index.js';
import { tenants } from '../store/schema.js';
import { recordAudit } from './audit.js';
import { mergeCharterSettings, type CharterSettings } from './charter/settings.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { parseInput } from './validation.js';

export const ATTITUDES = ['champion', 'supporter', 'neutral', 'sceptic', 'opponent'] as const;
export type Attitude = (typeof ATTITUDES)[number];
export const INFLUENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type InfluenceLevel = (typeof INFLUENCE_LEVELS)[number];
export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

const vocabularyId = z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'vocabularyId' });
const vocabularyEntry = z.object({
  id: vocabularyId,
  /** Labels of a tenant's own entry; entries without one use the built-in translation. */
  label: z.object({ en: z.string().trim().min(1).max(60).optional(), fr: z.string().trim().min(1).max(60).optional() }).optional(),
});
export type VocabularyEntry = z.infer<typeof vocabularyEntry>;
const vocabulary = z
  .array(vocabularyEntry)
  .min(1)
  .max(30)
  .refine((entries) => new Set(entries.map((entry) => entry.id)).size === entries.length, { message: 'duplicate' });

const ids = (...values: string[]): VocabularyEntry[] => values.map((id) => ({ id }));

export const DEFAULT_DEAL_SETTINGS = {
  /** Selling-process stages, in order. */
  stages: ids('qualification', 'discovery', 'solution', 'proposal', 'negotiation', 'closing'),
  /** The customer's buying stages, in order. */
  buyingStages: ids('problem_identification', 'solution_exploration', 'requirements_building', 'supplier_selection', 'validation', 'consensus'),
  teamRoles: ids('account_executive', 'sales_engineer', 'executive_sponsor', 'customer_success', 'partner', 'other'),
  committeeRoles: ids('economic_buyer', 'decision_maker', 'technical_buyer', 'user_buyer', 'champion', 'coach', 'influencer', 'blocker', 'procurement', 'legal'),
  motivationTags: ids('cost', 'risk', 'career', 'innovation', 'control', 'speed', 'compliance', 'reputation'),
};

export const dealSettingsSchema = z.object({
  stages: vocabulary,
  buyingStages: vocabulary,
  teamRoles: vocabulary,
  committeeRoles: vocabulary,
  motivationTags: vocabulary,
});
export type DealSettings = z.infer<typeof dealSettingsSchema>;

export const DEFAULT_COVERAGE_SETTINGS: CoveragePolicy = {
  coveredMinStrength: 3,
  coveredWithinDays: 60,
  staleWarningDays: 14,
  keyRoles: ['economic_buyer', 'decision_maker', 'champion'],
  stageExpectations: [{ fromStage: 'proposal', role: 'economic_buyer' }],
  roleWeights: {
    economic_buyer: 1,
    decision_maker: 0.9,
    champion: 0.8,
    blocker: 0.7,
    technical_buyer: 0.6,
    influencer: 0.6,
    coach: 0.5,
    user_buyer: 0.5,
    procurement: 0.4,
    legal: 0.3,
  },
  maxAssignmentsPerMember: 2,
  accountContactLimit: 10,
};

export const coverageSettingsSchema = z.object({
  coveredMinStrength: z.number().int().min(1).max(5),
  coveredWithinDays: z.number().int().min(1).max(730),
  staleWarningDays: z.number().int().min(0).max(365),
  keyRoles: z.array(vocabularyId).max(30),
  stageExpectations: z.array(z.object({ fromStage: vocabularyId, role: vocabularyId })).max(30),
  roleWeights: z.record(vocabularyId, z.number().min(0).max(1)),
  maxAssignmentsPerMember: z.number().int().min(1).max(50),
  accountContactLimit: z.number().int().min(1).max(100),
});

export interface TenantSettings {
  deals: DealSettings;
  coverage: CoveragePolicy;
  /** The relationship charter's settings, changed only through updateCharterSettings. */
  charter: CharterSettings;
}

type SettingsContext = Pick<AppContext, 'db' | 'tenantId' | 'logger'>;

/** Reads the tenant's deal and coverage settings merged over the defaults. */
export async function readTenantSettings(ctx: SettingsContext): Promise<TenantSettings> {
  const [row] = await ctx.db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, ctx.tenantId)).limit(1);
  return mergeSettings(row?.settings ?? {}, (part) => ctx.logger.warn({ tenantId: ctx.tenantId, part }, 'stored tenant settings are invalid; using defaults'));
}

/** Merges stored settings over the defaults, part by part; an invalid part is reported and replaced. */
export function mergeSettings(stored: Record<string, unknown>, onInvalid: (part: string) => void = () => {}): TenantSettings {
  const deals = dealSettingsSchema.partial().safeParse(stored.deals ?? {});
  const coverage = coverageSettingsSchema.partial().safeParse(stored.coverage ?? {});
  if (!deals.success) onInvalid('deals');
  if (!coverage.success) onInvalid('coverage');
  return {
    deals: { ...DEFAULT_DEAL_SETTINGS, ...(deals.success ? deals.data : {}) },
    coverage: { ...DEFAULT_COVERAGE_SETTINGS, ...(coverage.success ? coverage.data : {}) },
    charter: mergeCharterSettings(stored.charter, onInvalid),
  };
}

export const settingsPatchInput = z.object({
  deals: dealSettingsSchema.partial().optional(),
  coverage: coverageSettingsSchema.partial().optional(),
});
export type SettingsPatch = z.input<typeof settingsPatchInput>;

/**
 * Changes part of the tenant's deal and coverage settings; parts left out keep their value.
 * Rejects a result whose key roles, stage expectations or role weights name unknown entries.
 */
export async function updateTenantSettings(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'logger'>, raw: SettingsPatch): Promise<TenantSettings> {
  const patch = parseInput(settingsPatchInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, ctx.tenantId)).for('update');
    const stored = row?.settings ?? {};
    const next = {
      deals: { ...asObject(stored.deals), ...patch.deals },
      coverage: { ...asObject(stored.coverage), ...patch.coverage },
    };
    const merged = mergeSettings(next);
    checkConsistency(merged);

    await tx
      .update(tenants)
      .set({ settings: sql`${tenants.settings} || ${JSON.stringify(next)}::jsonb` })
      .where(eq(tenants.id, ctx.tenantId));
    const changed = [...Object.keys(patch.deals ?? {}).map((key) => `deals.${key}`), ...Object.keys(patch.coverage ?? {}).map((key) => `coverage.${key}`)];
    await recordAudit({ ...ctx, db: tx as never }, { action: 'settings.update', targetType: 'tenant', targetId: ctx.tenantId, details: { changed } });
    return merged;
  });
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function checkConsistency(settings: TenantSettings): void {
  const roles = new Set(settings.deals.committeeRoles.map((entry) => entry.id));
  const stages = new Set(settings.deals.stages.map((entry) => entry.id));
  const unknownRoles = [
    ...settings.coverage.keyRoles,
    ...settings.coverage.stageExpectations.map((expectation) => expectation.role),
    ...Object.keys(settings.coverage.roleWeights),
  ].filter((role) => !roles.has(role));
  if (unknownRoles.length > 0) throw new AppError('invalid_input', 'deals.errors.unknownRole', { value: unknownRoles[0] });
  const unknownStage = settings.coverage.stageExpectations.find((expectation) => !stages.has(expectation.fromStage));
  if (unknownStage) throw new AppError('invalid_input', 'deals.errors.unknownStage', { value: unknownStage.fromStage });
}

export type VocabularyKind = 'stage' | 'buyingStage' | 'teamRole' | 'committeeRole' | 'motivationTag' | 'attitude' | 'influence';

const SETTINGS_KEY: Record<Exclude<VocabularyKind, 'attitude' | 'influence'>, keyof DealSettings> = {
  stage: 'stages',
  buyingStage: 'buyingStages',
  teamRole: 'teamRoles',
  committeeRole: 'committeeRoles',
  motivationTag: 'motivationTags',
};

/** Entries of one vocabulary: the tenant's for configurable ones, the fixed scales otherwise. */
export function vocabularyOf(settings: DealSettings, kind: VocabularyKind): VocabularyEntry[] {
  if (kind === 'attitude') return ids(...ATTITUDES);
  if (kind === 'influence') return ids(...INFLUENCE_LEVELS);
  return settings[SETTINGS_KEY[kind]];
}

/** Label of a vocabulary entry in the reader's language; an id no longer configured shows as words. */
export function labelOf(settings: DealSettings, kind: VocabularyKind, id: string, t: Translate): string {
  const entry = vocabularyOf(settings, kind).find((candidate) => candidate.id === id);
  const language = t('deals.languageCode') as 'en' | 'fr';
  return entry?.label?.[language] ?? (t(`deals.vocabulary.${kind}.${id}`, { defaultValue: id.replace(/_/g, ' ') }) as string);
}

/**
 * Finds the entry a user typed: its id, or its label in English or French, ignoring case,
 * accents and punctuation ("Economic buyer", "acheteur économique", "economic_buyer").
 * Throws invalid_input listing the choices when nothing matches.
 */
export function matchVocabulary(settings: DealSettings, kind: VocabularyKind, typed: string, translators: Translate[]): string {
  const wanted = normalizeName(typed);
  const entries = vocabularyOf(settings, kind);
  for (const entry of entries) {
    const names = [entry.id, entry.label?.en, entry.label?.fr, ...translators.map((t) => labelOf(settings, kind, entry.id, t))];
    if (names.some((name) => name !== undefined && normalizeName(name) === wanted)) return entry.id;
  }
  throw new AppError('invalid_input', `deals.errors.unknown.${kind}`, { value: typed, options: entries.map((entry) => entry.id).join(', ') });
}
