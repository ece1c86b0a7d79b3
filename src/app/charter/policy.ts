// The viewpoint every read use case passes to the store: who looks, under the tenant's charter.
import type { Viewpoint } from '../../domain/charter.js';
import type { Executor } from '../../store/database.js';
import type { AppContext } from '../context.js';
import { currentCharterVersion, readCharterSettings } from './settings.js';

/** Builds the viewpoint of the context's actor (anonymous without one). */
export async function viewpointOf(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor'> & Partial<Pick<AppContext, 'logger'>>, db: Executor = ctx.db): Promise<Viewpoint> {
  const settings = await readCharterSettings(ctx, db);
  return {
    tenantId: ctx.tenantId,
    viewerId: ctx.actor?.memberId ?? null,
    rules: settings,
    charterVersion: currentCharterVersion(settings),
  };
}
