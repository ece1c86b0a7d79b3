// The tenant's charter settings, stored in tenants.settings under the key "charter": default
// visibility, what hidden relationships show, who counts as deal team, retention and whether the
// charter must be accepted. A part left out, or stored invalid, falls back to the default.
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';

import { charterVersion, DEAL_TEAM_RULES, DEFAULT_CHARTER_RULES, HIDDEN_RELATIONSHIP_VIEWS, VISIBILITIES, type CharterRules } from '../../domain/charter.js';
import type { Executor } from '../../store/database.js';
import { tenants } from '../../store/schema.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { parseInput } from '../validation.js';
import { requireAdmin } from './admins.js';

/** Version of the charter text in src/i18n/{en,fr}/charter.ts and docs/charter*.md. */
export const CHARTER_TEXT_VERSION = 1;

export const MAX_RETENTION_MONTHS = 120;

export const charterRulesSchema = z.object({
  defaultVisibility: z.enum(VISIBILITIES as [string, ...string[]]).transform((value) => value as CharterRules['defaultVisibility']),
  hiddenRelationships: z.enum(HIDDEN_RELATIONSHIP_VIEWS as [string, ...string[]]).transform((value) => value as CharterRules['hiddenRelationships']),
  dealTeam: z.enum(DEAL_TEAM_RULES as [string, ...string[]]).transform((value) => value as CharterRules['dealTeam']),
  retentionMonths: z.coerce.number().int().min(1).max(MAX_RETENTION_MONTHS),
  requireAcceptance: z.boolean(),
});

export interface CharterSettings extends CharterRules {
  /** Times the rules changed; each change is a new charter version to accept. */
  revision: number;
}

export const DEFAULT_CHARTER_SETTINGS: CharterSettings = { ...DEFAULT_CHARTER_RULES, revision: 0 };

/** Merges stored charter settings over the defaults, field by field; an invalid field is reported and replaced. */
export function mergeCharterSettings(stored: unknown, onInvalid: (field: string) => void = () => {}): CharterSettings {
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...DEFAULT_CHARTER_SETTINGS };
  for (const [field, schema] of Object.entries(charterRulesSchema.shape)) {
    if (source[field] === undefined) continue;
    const parsed = schema.safeParse(source[field]);
    if (parsed.success) merged[field] = parsed.data;
    else onInvalid(`charter.${field}`);
  }
  const revision = z.number().int().min(0).safeParse(source.revision);
  if (revision.success) merged.revision = revision.data;
  return merged as unknown as CharterSettings;
}

type ReadContext = Pick<AppContext, 'db' | 'tenantId'> & Partial<Pick<AppContext, 'logger'>>;

/** Reads the tenant's charter settings merged over the defaults. */
export async function readCharterSettings(ctx: ReadContext, db: Executor = ctx.db): Promise<CharterSettings> {
  const [row] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, ctx.tenantId)).limit(1);
  return mergeCharterSettings(row?.settings?.charter, (field) => ctx.logger?.warn({ tenantId: ctx.tenantId, field }, 'stored charter setting is invalid; using the default'));
}

/** Returns the charter version members of this tenant accept now. */
export function currentCharterVersion(settings: Pick<CharterSettings, 'revision'>): string {
  return charterVersion(CHARTER_TEXT_VERSION, settings.revision);
}

export const charterPatchInput = charterRulesSchema.partial().strict();
export type CharterPatch = z.input<typeof charterPatchInput>;

export interface CharterUpdate {
  settings: CharterSettings;
  changed: Array<keyof CharterRules>;
  /** Set when the change asks every member to accept the charter again. */
  newVersion: string | null;
}

/**
 * Changes charter settings (admins only). Any real change raises the revision, so the charter
 * version changes and members accept it again; setting a value it already has changes nothing.
 */
export async function updateCharterSettings(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'logger'> & Partial<Pick<AppContext, 'configuredAdmins'>>, raw: CharterPatch): Promise<CharterUpdate> {
  await requireAdmin(ctx);
  const patch = parseInput(charterPatchInput, raw);
  if (Object.keys(patch).length === 0) throw new AppError('invalid_input', 'charter.settings.nothingToChange');

  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, ctx.tenantId)).for('update');
    const current = mergeCharterSettings(row?.settings?.charter);
    const changed = (Object.keys(patch) as Array<keyof CharterRules>).filter((key) => patch[key] !== current[key]);
    if (changed.length === 0) return { settings: current, changed, newVersion: null };

    const next: CharterSettings = { ...current, ...(patch as Partial<CharterRules>), revision: current.revision + 1 };
    await tx
      .update(tenants)
      .set({ settings: sql`${tenants.settings} || ${JSON.stringify({ charter: next })}::jsonb` })
      .where(eq(tenants.id, ctx.tenantId));
    const details = { changed, version: currentCharterVersion(next), ...Object.fromEntries(changed.map((key) => [key, next[key]])) };
    await recordAudit({ ...ctx, db: tx as never }, { action: 'charter.settings', targetType: 'tenant', targetId: ctx.tenantId, details });
    return { settings: next, changed, newVersion: currentCharterVersion(next) };
  });
}
