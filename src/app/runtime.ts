// Process runtime shared by the server and the CLI: environment, logger and migrated store.
import { loadEnv, storeOptionsFrom, type Env } from '../config/env.js';
import { createLogger, type Logger } from '../config/logger.js';
import { openMigratedStore, type Store } from '../store/database.js';

export interface Runtime {
  env: Env;
  logger: Logger;
  store: Store;
  close(): Promise<void>;
}

/** Validates the environment, then opens and migrates the store it names. */
export async function openRuntime(options: { env?: Env; logger?: Logger } = {}): Promise<Runtime> {
  const env = options.env ?? loadEnv();
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const store = await openMigratedStore(storeOptionsFrom(env));
  return { env, logger, store, close: () => store.close() };
}
