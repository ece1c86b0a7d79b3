// Builds the use-case context of one CLI invocation and reports its errors in the user's language.
import { AppError } from '../app/errors.js';
import { describeError } from '../app/error-reply.js';
import type { AppContext } from '../app/context.js';
import { resolveMember } from '../app/lookup.js';
import { openRuntime, type Runtime } from '../app/runtime.js';
import { ensureTenant } from '../app/tenants.js';
import { EnvError, loadEnv, LOCALES, type Locale } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { translator, type Translate } from '../i18n/index.js';
import { describeStartupError } from '../server/startup-errors.js';

export interface GlobalOptions {
  as?: string;
  lang?: string;
  json?: boolean;
}

export interface CliContext {
  app: AppContext;
  runtime: Runtime;
  t: Translate;
  json: boolean;
  /** Writes a line to standard output. */
  print(text: string): void;
}

/** Picks the CLI language: --lang, else the first two letters of LANG when supported, else English. */
export function cliLocale(lang: string | undefined, fallback: Locale): Locale {
  if (lang) return lang as Locale;
  const fromShell = (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '').slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(fromShell) ? (fromShell as Locale) : fallback;
}

/**
 * Runs one CLI command with an opened runtime and context. Errors print as one translated
 * sentence on standard error and set exit code 1 (2 for a wrong environment or usage).
 */
export async function runCli(options: GlobalOptions, command: (cli: CliContext) => Promise<void>): Promise<void> {
  if (options.lang && !(LOCALES as readonly string[]).includes(options.lang)) {
    process.stderr.write(`--lang must be one of ${LOCALES.join(', ')} (got '${options.lang}').\n`);
    process.exitCode = 2;
    return;
  }
  let t = translator(cliLocale(options.lang, 'en'));
  const runtime = await openCliRuntime(options);
  if (!runtime) return;
  try {
    const locale = cliLocale(options.lang, runtime.env.DEFAULT_LOCALE);
    t = translator(locale);
    const tenant = await ensureTenant(runtime.store.db, runtime.env.O2O_TENANT, { name: 'o2o', defaultLocale: runtime.env.DEFAULT_LOCALE });
    const app: AppContext = { db: runtime.store.db, tenantId: tenant.id, actor: null, locale, logger: runtime.logger, now: () => new Date(), configuredAdmins: runtime.env.O2O_ADMINS };
    if (options.as) {
      const member = await resolveMember(app, options.as);
      app.actor = { memberId: member.id, name: member.label };
    }
    await command({ app, runtime, t, json: Boolean(options.json), print: (text) => process.stdout.write(`${text}\n`) });
  } catch (error) {
    if (!(error instanceof AppError)) runtime.logger.error({ err: error }, 'command failed');
    process.stderr.write(`${describeError(forCommandLine(error), t)}\n`);
    process.exitCode = 1;
  } finally {
    await runtime.close();
  }
}

/**
 * Swaps the chat wording of an empty-tenant lookup ("ask an admin to import") for the one that
 * fits a terminal user, who can load the demo or import a file themselves.
 */
function forCommandLine(error: unknown): unknown {
  if (!(error instanceof AppError) || !error.messageKey.startsWith('lookup.empty.')) return error;
  return new AppError(error.code, error.messageKey.replace('lookup.empty.', 'cli.lookupEmpty.'), error.params, error.extra);
}

/**
 * Opens the runtime; on failure prints why (an invalid variable, an unreachable database,
 * a data folder held by a running server) and sets the exit code, then returns undefined.
 */
async function openCliRuntime(options: GlobalOptions): Promise<Runtime | undefined> {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    process.stderr.write(`${error instanceof EnvError ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return undefined;
  }
  try {
    return await openRuntime({ env, logger: createLogger(process.env.LOG_LEVEL ?? 'warn') });
  } catch (error) {
    const t = translator(cliLocale(options.lang, env.DEFAULT_LOCALE));
    process.stderr.write(`${describeStartupError(error, 'store', env, t)}\n`);
    process.exitCode = 1;
    return undefined;
  }
}
