// `npm start`: validate the environment, migrate the store, then serve HTTP.
import { openRuntime } from '../app/runtime.js';
import { EnvError } from '../config/env.js';
import { startHttpServer } from './app.js';

async function main(): Promise<void> {
  const runtime = await openRuntime();
  const { env, logger, store } = runtime;
  logger.info(
    { driver: store.driver, store: store.location, port: env.PORT, host: env.HOST, defaultLocale: env.DEFAULT_LOCALE, logLevel: env.LOG_LEVEL },
    'store migrated',
  );

  const http = await startHttpServer(runtime);
  logger.info({ port: http.port }, 'server listening');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await http.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`o2o failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  }
  process.exit(1);
});
