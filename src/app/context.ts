// What every use case receives: the store, the tenant, who is acting or looking, and the locale.
import type { Logger } from '../config/logger.js';
import type { Locale } from '../config/env.js';
import type { Database } from '../store/database.js';

export interface Actor {
  memberId: string;
  name: string;
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
}
