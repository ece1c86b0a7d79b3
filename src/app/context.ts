// What every use case receives: the store, the tenant, who is acting or looking, and the locale.
import type { Logger } from '../config/logger.js';
import type { Locale } from '../config/env.js';
import type { Database } from '../store/database.js';

export interface Actor {
  memberId: string;
  name: string;
  /** Set by a surface whose platform reports the user as a workspace or tenant administrator. */
  isPlatformAdmin?: boolean;
  /**
   * Checks with the platform whether the user is a workspace administrator or owner. A surface sets
   * it when only a call of its own can tell (Slack's users.info), so the call is made only when an
   * admin-only action needs it.
   */
  checkPlatformAdmin?: () => Promise<boolean>;
}

export interface AppContext {
  db: Database;
  tenantId: string;
  /** The member acting or viewing; null for an anonymous viewer, who sees no private data. */
  actor: Actor | null;
  locale: Locale;
  logger: Logger;
  /** Current time; tests pass a fixed clock. */
  now: () => Date;
  /** E-mail addresses and platform user ids of o2o administrators (O2O_ADMINS). */
  configuredAdmins?: readonly string[];
}
