// Changes to the tenant's deal vocabularies and coverage settings as admins type them. A change is
// a list of names for a vocabulary, a list of buying roles for the key roles or for one stage's
// expectations, one buying role's weight, or one coverage number.
// updateTenantSettings stores the result. This layer adds the admin check and reads typed names
// into vocabulary entries. It also keeps open deals and coverage rules consistent with what is removed.
import { and, eq, inArray, sql } from 'drizzle-orm';

import type { CoveragePolicy } from '../domain/coverage.js';
import { normalizeName } from '../domain/names.js';
import { deals, tenants } from '../store/schema.js';
import { requireAdmin } from './charter/admins.js';
import type { AppContext } from './context.js';
import { VOCABULARY_TRANSLATORS } from './deals.js';
import { AppError } from './errors.js';
import {
  coverageSettingsSchema,
  DEFAULT_DEAL_SETTINGS,
  matchVocabulary,
  mergeSettings,
  updateTenantSettings,
  type DealSettings,
  type SettingsPatch,
  type TenantSettings,
  type VocabularyEntry,
  type VocabularyKind,
} from './settings.js';

export type VocabularyKey = keyof DealSettings;
export type CoverageNumberKey = 'coveredMinStrength' | 'coveredWithinDays' | 'staleWarningDays' | 'maxAssignmentsPerMember' | 'accountContactLimit';

export const VOCABULARY_KEYS: readonly VocabularyKey[] = ['stages', 'buyingStages', 'teamRoles', 'committeeRoles', 'motivationTags'];
export const COVERAGE_NUMBER_KEYS: readonly CoverageNumberKey[] = ['coveredMinStrength', 'coveredWithinDays', 'staleWarningDays', 'maxAssignmentsPerMember', 'accountContactLimit'];

/** The vocabulary kind of each list, as matchVocabulary and labelOf name it. */
export const KIND_OF: Record<VocabularyKey, VocabularyKind> = {
  stages: 'stage',
  buyingStages: 'buyingStage',
  teamRoles: 'teamRole',
  committeeRoles: 'committeeRole',
  motivationTags: 'motivationTag',
};

/** One change of the settings command. Names are as typed: ids, or labels in English or French. */
export type SettingsChange =
  | { kind: 'vocabulary'; key: VocabularyKey; names: string[] }
  | { kind: 'keyRoles'; names: string[] }
  /** The buying roles deals must cover from one selling stage on; an empty list removes that stage's expectations. */
  | { kind: 'stageExpectation'; stage: string; roles: string[] }
  /** One buying role's weight in the coverage score; null removes it, so the role weighs DEFAULT_ROLE_WEIGHT. */
  | { kind: 'roleWeight'; role: string; weight: number | null }
  | { kind: 'number'; key: CoverageNumberKey; value: number };

/** A coverage rule dropped because the role or stage it named was removed. */
export type DroppedRule = { kind: 'keyRole'; role: string } | { kind: 'stageExpectation'; fromStage: string; role: string };

export interface SettingsChangeResult {
  settings: TenantSettings;
  /** False when the settings already had the requested value. */
  changed: boolean;
  /** Entry ids added to and removed from the list, for a vocabulary, the key roles or one stage's expected roles. */
  added: string[];
  removed: string[];
  dropped: DroppedRule[];
  /** The buying role whose weight was set or removed, for a role weight. */
  role?: string;
}

// Limits of the stored vocabularies (see the vocabulary schema in settings.ts).
const MAX_ENTRIES = 30;
const MAX_LABEL_LENGTH = 60;
const MAX_ID_LENGTH = 40;

/**
 * Applies one change of the settings command (admins only). A selling or buying stage that open
 * deals are still at cannot be removed. Key roles, stage expectations and role weights that name
 * a removed buying role or stage are dropped with it, and reported.
 */
export async function changeTenantSettings(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'logger'> & Partial<Pick<AppContext, 'configuredAdmins'>>, change: SettingsChange): Promise<SettingsChangeResult> {
  await requireAdmin(ctx);

  return ctx.db.transaction(async (tx) => {
    // The row lock serialises concurrent changes; updateTenantSettings takes it again in a savepoint.
    const [row] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, ctx.tenantId)).for('update');
    const current = mergeSettings(row?.settings ?? {});
    const planned = planChange(current, change);
    if (!planned.changed) return { settings: current, changed: false, added: [], removed: [], dropped: [], ...(planned.role && { role: planned.role }) };

    // Deal writes that set a stage lock this row for share and read the stages under that lock,
    // so no deal can move to a removed stage between this check and the commit.
    if (change.kind === 'vocabulary' && (change.key === 'stages' || change.key === 'buyingStages')) {
      await rejectStagesInUse({ ...ctx, db: tx as unknown as AppContext['db'] }, change.key, planned.removed);
    }

    const settings = await updateTenantSettings({ ...ctx, db: tx as unknown as AppContext['db'] }, planned.patch);
    return { settings, changed: true, added: planned.added, removed: planned.removed, dropped: planned.dropped, ...(planned.role && { role: planned.role }) };
  });
}

interface PlannedChange {
  patch: SettingsPatch;
  changed: boolean;
  added: string[];
  removed: string[];
  dropped: DroppedRule[];
  role?: string;
}

function planChange(current: TenantSettings, change: SettingsChange): PlannedChange {
  switch (change.kind) {
    case 'number': {
      checkBounds(change.key, change.value);
      const changed = current.coverage[change.key] !== change.value;
      return { patch: { coverage: { [change.key]: change.value } }, changed, added: [], removed: [], dropped: [] };
    }
    case 'keyRoles': {
      const roles = unique(change.names.map((name) => matchVocabulary(current.deals, 'committeeRole', name, VOCABULARY_TRANSLATORS)));
      if (roles.length > MAX_ENTRIES) throw new AppError('invalid_input', 'settings.errors.tooMany', { max: MAX_ENTRIES });
      const before = current.coverage.keyRoles;
      return {
        patch: { coverage: { keyRoles: roles } },
        changed: JSON.stringify(before) !== JSON.stringify(roles),
        added: roles.filter((role) => !before.includes(role)),
        removed: before.filter((role) => !roles.includes(role)),
        dropped: [],
      };
    }
    case 'stageExpectation':
      return planStageExpectation(current, change.stage, change.roles);
    case 'roleWeight':
      return planRoleWeight(current, change.role, change.weight);
    case 'vocabulary':
      return planVocabulary(current, change.key, change.names);
  }
}

/** Replaces the roles expected from one stage on; other stages keep theirs. The list stays in stage order. */
function planStageExpectation(current: TenantSettings, typedStage: string, typedRoles: string[]): PlannedChange {
  const stage = matchVocabulary(current.deals, 'stage', typedStage, VOCABULARY_TRANSLATORS);
  const roles = unique(typedRoles.map((name) => matchVocabulary(current.deals, 'committeeRole', name, VOCABULARY_TRANSLATORS)));
  const before = current.coverage.stageExpectations;
  const kept = before.filter((expectation) => expectation.fromStage !== stage);
  const order = current.deals.stages.map((entry) => entry.id);
  const stageExpectations = [...kept, ...roles.map((role) => ({ fromStage: stage, role }))].sort((a, b) => order.indexOf(a.fromStage) - order.indexOf(b.fromStage));
  if (stageExpectations.length > MAX_ENTRIES) throw new AppError('invalid_input', 'settings.errors.tooMany', { max: MAX_ENTRIES });

  const rolesBefore = before.filter((expectation) => expectation.fromStage === stage).map((expectation) => expectation.role);
  return {
    patch: { coverage: { stageExpectations } },
    changed: JSON.stringify(before) !== JSON.stringify(stageExpectations),
    added: roles.filter((role) => !rolesBefore.includes(role)),
    removed: rolesBefore.filter((role) => !roles.includes(role)),
    dropped: [],
  };
}

/** Sets or removes one buying role's weight; the other roles keep theirs. */
function planRoleWeight(current: TenantSettings, typedRole: string, weight: number | null): PlannedChange {
  const role = matchVocabulary(current.deals, 'committeeRole', typedRole, VOCABULARY_TRANSLATORS);
  if (weight !== null) checkWeight(weight);
  const { [role]: previous, ...others } = current.coverage.roleWeights;
  // The whole record is written, because a stored record replaces the default weights as a whole.
  const roleWeights = weight === null ? others : { ...current.coverage.roleWeights, [role]: weight };
  return { patch: { coverage: { roleWeights } }, changed: previous !== (weight ?? undefined), added: [], removed: [], dropped: [], role };
}

function planVocabulary(current: TenantSettings, key: VocabularyKey, names: string[]): PlannedChange {
  const entries = entriesOf(current.deals, key, names);
  const before = current.deals[key].map((entry) => entry.id);
  const after = entries.map((entry) => entry.id);
  const removed = before.filter((id) => !after.includes(id));
  const changed = JSON.stringify(current.deals[key]) !== JSON.stringify(entries);
  const { coverage, dropped } = prunedCoverage(current.coverage, key, new Set(after));
  return {
    patch: { deals: { [key]: entries }, ...(coverage && { coverage }) },
    changed,
    added: after.filter((id) => !before.includes(id)),
    removed,
    dropped,
  };
}

/**
 * Reads typed names into vocabulary entries, in the order typed. A name matching a current
 * entry, or a built-in one, keeps that entry and its translations. Any other name becomes a new
 * entry: its id is the name in lower case with underscores, its label the name as typed in both languages.
 */
export function entriesOf(settings: DealSettings, key: VocabularyKey, names: string[]): VocabularyEntry[] {
  const kind = KIND_OF[key];
  const builtIn = { ...settings, [key]: DEFAULT_DEAL_SETTINGS[key] };
  const entries: VocabularyEntry[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const id = matchOrNull(settings, kind, name) ?? matchOrNull(builtIn, kind, name);
    const entry = id ? (settings[key].find((candidate) => candidate.id === id) ?? { id }) : newEntry(name);
    if (entries.some((existing) => existing.id === entry.id)) throw new AppError('invalid_input', 'settings.errors.duplicate', { value: name });
    entries.push(entry);
  }
  if (entries.length === 0) throw new AppError('invalid_input', 'settings.errors.empty');
  if (entries.length > MAX_ENTRIES) throw new AppError('invalid_input', 'settings.errors.tooMany', { max: MAX_ENTRIES });
  return entries;
}

function matchOrNull(settings: DealSettings, kind: VocabularyKind, name: string): string | null {
  try {
    return matchVocabulary(settings, kind, name, VOCABULARY_TRANSLATORS);
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_input') return null;
    throw error;
  }
}

function newEntry(name: string): VocabularyEntry {
  if (name.length > MAX_LABEL_LENGTH) throw new AppError('invalid_input', 'settings.errors.labelTooLong', { value: name, max: MAX_LABEL_LENGTH });
  const id = normalizeName(name).replace(/ /g, '_').slice(0, MAX_ID_LENGTH).replace(/_+$/, '');
  if (!/^[a-z][a-z0-9_]*$/.test(id)) throw new AppError('invalid_input', 'settings.errors.invalidEntry', { value: name });
  return { id, label: { en: name, fr: name } };
}

/** Removes the coverage rules that name a buying role or stage no longer in the list. */
function prunedCoverage(coverage: CoveragePolicy, key: VocabularyKey, kept: Set<string>): { coverage?: Partial<CoveragePolicy>; dropped: DroppedRule[] } {
  if (key === 'committeeRoles') {
    const keyRoles = coverage.keyRoles.filter((role) => kept.has(role));
    const stageExpectations = coverage.stageExpectations.filter((expectation) => kept.has(expectation.role));
    const roleWeights = Object.fromEntries(Object.entries(coverage.roleWeights).filter(([role]) => kept.has(role)));
    const dropped: DroppedRule[] = [
      ...coverage.keyRoles.filter((role) => !kept.has(role)).map((role): DroppedRule => ({ kind: 'keyRole', role })),
      ...coverage.stageExpectations.filter((expectation) => !kept.has(expectation.role)).map((expectation): DroppedRule => ({ kind: 'stageExpectation', ...expectation })),
    ];
    // Role weights are always written, because the defaults weigh built-in roles the list may no longer have.
    return { coverage: { keyRoles, stageExpectations, roleWeights }, dropped };
  }
  if (key === 'stages') {
    const stageExpectations = coverage.stageExpectations.filter((expectation) => kept.has(expectation.fromStage));
    const dropped = coverage.stageExpectations.filter((expectation) => !kept.has(expectation.fromStage)).map((expectation): DroppedRule => ({ kind: 'stageExpectation', ...expectation }));
    return dropped.length > 0 ? { coverage: { stageExpectations }, dropped } : { dropped };
  }
  return { dropped: [] };
}

/** Rejects removing a selling or buying stage that open deals are still at, naming how many. */
async function rejectStagesInUse(ctx: Pick<AppContext, 'db' | 'tenantId'>, key: 'stages' | 'buyingStages', removed: string[]): Promise<void> {
  if (removed.length === 0) return;
  const column = key === 'stages' ? deals.stage : deals.buyingStage;
  const [inUse] = await ctx.db
    .select({ stage: column, count: sql<number>`count(*)::int` })
    .from(deals)
    .where(and(eq(deals.tenantId, ctx.tenantId), eq(deals.status, 'open'), inArray(column, removed)))
    .groupBy(column)
    .orderBy(sql`count(*) desc`)
    .limit(1);
  if (!inUse?.stage) return;
  throw new AppError('conflict', `settings.errors.${key === 'stages' ? 'stageInUse' : 'buyingStageInUse'}`, { stage: inUse.stage, count: Number(inUse.count) });
}

/** Bounds of each coverage number, as the stored settings' schema sets them. */
export function boundsOf(key: CoverageNumberKey): { min: number; max: number } {
  const schema = coverageSettingsSchema.shape[key];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** Bounds of a buying role's weight, as the stored settings' schema sets them. */
export function weightBounds(): { min: number; max: number } {
  const schema = coverageSettingsSchema.shape.roleWeights.valueSchema;
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? 1 };
}

function checkWeight(value: number): void {
  const { min, max } = weightBounds();
  if (!Number.isFinite(value) || value < min || value > max) throw new AppError('invalid_input', 'settings.errors.outOfRange.roleWeight', { value, min, max });
}

function checkBounds(key: CoverageNumberKey, value: number): void {
  const { min, max } = boundsOf(key);
  if (!Number.isInteger(value) || value < min || value > max) throw new AppError('invalid_input', `settings.errors.outOfRange.${key}`, { value, min, max });
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
