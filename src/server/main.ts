// `npm start`: validate the environment, migrate the store, then serve HTTP until SIGTERM or SIGINT.
import { openRuntime, type Runtime } from '../app/runtime.js';
import { describeEnv, EnvError, loadEnv, messageLocale, type Env } from '../config/env.js';
import { createLogger, type Logger } from '../config/logger.js';
import { translator } from '../i18n/index.js';
import { startJobs } from '../jobs/start.js';
import { startHttpServer } from './app.js';
import { isClusterWorker, runPrimary, shareWorkerMetrics } from './cluster.js';
import { installShutdown } from './shutdown.js';
import { describeStartupError, type StartupPhase } from './startup-errors.js';

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const worker = isClusterWorker();
  const base = createLogger(env.LOG_LEVEL);
  const logger = worker ? base.child({ worker: process.pid }) : base;
  if (env.O2O_WORKERS > 1 && !worker) {
    await startPrimary(env, logger);
    return;
  }
  // A worker stops on the primary's SIGTERM only, and when the primary is gone.
  const shutdown = installShutdown(logger, worker ? { signals: ['SIGTERM'] } : {});
  if (worker) {
    process.on('SIGINT', () => {});
    process.on('disconnect', () => shutdown.stop('disconnect'));
    shareWorkerMetrics();
  } else {
    logger.info(describeEnv(env), 'starting o2o');
  }

  const runtime = await startPhase('store', env, logger, () => openRuntime({ env, logger }));
  shutdown.add('store', () => runtime.close());
  logger.info({ driver: runtime.store.driver, store: runtime.store.location }, 'store migrated');

  const http = await startPhase('listen', env, logger, () => startHttpServer(runtime), runtime);
  shutdown.add('http', () => http.close());
  logger.info({ host: env.HOST, port: http.port }, 'server listening');

  const jobs = startJobs(runtime);
  shutdown.add('jobs', () => jobs.stop());
}

/** Migrates the store once, so that workers start on an up-to-date schema, then starts them. */
async function startPrimary(env: Env, logger: Logger): Promise<void> {
  logger.info(describeEnv(env), 'starting o2o');
  const runtime = await startPhase('store', env, logger, () => openRuntime({ env, logger }));
  logger.info({ driver: runtime.store.driver, store: runtime.store.location }, 'store migrated');
  await runtime.close();
  runPrimary(env, logger);
}

function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** Runs one start-up step; on failure, logs the detail, prints the fix, closes the runtime and exits 1. */
async function startPhase<T>(phase: StartupPhase, env: Env, logger: Logger, step: () => Promise<T>, runtime?: Runtime): Promise<T> {
  try {
    return await step();
  } catch (error) {
    logger.fatal({ err: error, phase }, 'start-up failed');
    process.stderr.write(`${describeStartupError(error, phase, env, translator(messageLocale()))}\n`);
    await runtime?.close().catch(() => {});
    process.exit(1);
  }
}

await main();
