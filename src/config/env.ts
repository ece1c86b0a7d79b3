// The environment, validated once at start-up by one zod schema. An invalid value stops
// start-up with one translated sentence per variable: its name, its value and how to fix it.
import { isIP } from 'node:net';
import path from 'node:path';

import { z } from 'zod';

import { translator } from '../i18n/index.js';
import { localeFromTag, type Locale } from './locales.js';

export { LOCALES, type Locale } from './locales.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// An empty or blank variable counts as unset, so `PORT=` behaves like no PORT at all.
function unsetWhenBlank(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** Makes a variable fall back to `fallback`, written as the text it would be set to, when unset or blank. */
function withDefault<T extends z.ZodTypeAny>(schema: T, fallback: z.input<T>) {
  return z.preprocess(unsetWhenBlank, schema.default(fallback));
}

function wholeNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, 'not a whole number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));
}

function oneOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.string().trim().toLowerCase().pipe(z.enum(values));
}

function isPostgresUrl(value: string): boolean {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Accepts an e-mail address, a Slack user id (U… or W…) or a Teams object id (a GUID). */
function isAdminIdentity(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) || /^[UW][A-Z0-9]{2,}$/.test(value) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Accepts an http or https URL without credentials, query or fragment, which paths can be appended to. */
function isBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && !url.username && !url.password && !/[?#]/.test(value);
  } catch {
    return false;
  }
}

/** Accepts a host name or an IP address in Node's listen() form: IPv6 without brackets, no port. */
function isListenHost(value: string): boolean {
  return isIP(value) !== 0 || /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/.test(value);
}

// Each key needs a rule of the same name under env.rules in src/i18n/{en,fr}/env.ts.
const envSchema = z.object({
  DATABASE_URL: z.preprocess(unsetWhenBlank, z.string().trim().refine(isPostgresUrl, 'not a Postgres URL').optional()),
  DATABASE_MAX_CONNECTIONS: withDefault(wholeNumber(2, 200), '10'),
  // Off behind a transaction-mode pooler such as PgBouncer, which cannot keep prepared statements.
  DATABASE_PREPARE: withDefault(oneOf(['true', 'false'] as const).transform((value) => value === 'true'), 'true'),
  O2O_DATA_DIR: withDefault(z.string().refine((value) => !value.includes('\0'), 'contains a NUL character'), '.o2o-data'),
  LOG_LEVEL: withDefault(oneOf(LOG_LEVELS), 'info'),
  DEFAULT_LOCALE: withDefault(oneOf(['en', 'fr'] as const), 'en'),
  // The tenant the CLI and a single-workspace server work in until platforms bring their own.
  O2O_TENANT: withDefault(z.string().trim().regex(/^\S{1,200}$/, 'not a key without spaces'), 'local:default'),
  // o2o administrators: e-mail addresses, Slack user ids or Teams object ids, separated by commas.
  O2O_ADMINS: withDefault(
    z
      .string()
      .transform((value) => value.split(/[\s,;]+/).filter((entry) => entry.length > 0))
      .refine((entries) => entries.every(isAdminIdentity), 'not a list of e-mail addresses, Slack user ids or Teams object ids'),
    '',
  ),
  // Server processes sharing the port through node:cluster, so one container can use every core.
  // More than one needs DATABASE_URL: PGlite keeps its data in one process.
  O2O_WORKERS: withDefault(wholeNumber(1, 64), '1'),
  PORT: withDefault(wholeNumber(0, 65_535), '3000'),
  HOST: withDefault(z.string().trim().refine(isListenHost, 'not a host name or address'), '0.0.0.0'),
  // Public base URL of this server, such as https://o2o.example.com. When set, Teams cards link to
  // pictures served at /pictures/… instead of carrying them, so maps of any size can be shown.
  O2O_PUBLIC_URL: z.preprocess(
    unsetWhenBlank,
    z
      .string()
      .trim()
      .refine(isBaseUrl, 'not an http or https URL without query or fragment')
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
  ),
  // Microsoft Teams, from the bot's Azure registration: MicrosoftAppId with a password, a
  // certificate or a managed identity. TEAMS_LOCAL_MODE=true accepts unauthenticated requests,
  // for development only; with neither, the Teams endpoint rejects every request.
  MicrosoftAppId: z.preprocess(unsetWhenBlank, z.string().trim().uuid('not an app id (a GUID)').optional()),
  MicrosoftAppPassword: z.preprocess(unsetWhenBlank, z.string().optional()),
  MicrosoftAppType: withDefault(oneOf(['multitenant', 'singletenant', 'userassignedmsi'] as const), 'multitenant'),
  MicrosoftAppTenantId: z.preprocess(unsetWhenBlank, z.string().trim().uuid('not a tenant id (a GUID)').optional()),
  MicrosoftAppCertificateThumbprint: z.preprocess(
    unsetWhenBlank,
    z.string().trim().regex(/^(?:[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})$/, 'not a certificate thumbprint').optional(),
  ),
  // Path of the PEM file that holds the certificate's private key.
  MicrosoftAppCertificateKeyFile: z.preprocess(unsetWhenBlank, z.string().optional()),
  TEAMS_LOCAL_MODE: withDefault(oneOf(['true', 'false'] as const).transform((value) => value === 'true'), 'false'),
  // Id of the Teams app in its manifest; `npm run teams:package` falls back to MicrosoftAppId.
  TEAMS_APP_ID: z.preprocess(unsetWhenBlank, z.string().trim().uuid('not an app id (a GUID)').optional()),
  // Slack. One workspace: SLACK_BOT_TOKEN. Several workspaces: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET
  // and SLACK_STATE_SECRET, installed through /slack/install. HTTP mode needs SLACK_SIGNING_SECRET;
  // SLACK_APP_TOKEN switches to Socket Mode. Without credentials, Slack stays off.
  SLACK_BOT_TOKEN: z.preprocess(unsetWhenBlank, z.string().trim().regex(/^xoxb-\S+$/, 'not a bot token').optional()),
  SLACK_SIGNING_SECRET: z.preprocess(unsetWhenBlank, z.string().trim().regex(/^\S{8,}$/, 'not a signing secret').optional()),
  SLACK_APP_TOKEN: z.preprocess(unsetWhenBlank, z.string().trim().regex(/^xapp-\S+$/, 'not an app-level token').optional()),
  SLACK_CLIENT_ID: z.preprocess(unsetWhenBlank, z.string().trim().regex(/^\d+\.\d+$/, 'not a client id').optional()),
  SLACK_CLIENT_SECRET: z.preprocess(unsetWhenBlank, z.string().trim().regex(/^\S{8,}$/, 'not a client secret').optional()),
  SLACK_STATE_SECRET: z.preprocess(unsetWhenBlank, z.string().regex(/^\S{16,}$/, 'shorter than 16 characters').optional()),
  // Public URL of /slack/oauth_redirect, when the app lists several redirect URLs.
  SLACK_REDIRECT_URI: z.preprocess(unsetWhenBlank, z.string().trim().url('not a URL').optional()),
  // Base URL of the Slack Web API, ending in /api/; tests point it at a local server.
  SLACK_API_URL: z.preprocess(unsetWhenBlank, z.string().trim().regex(/^https?:\/\/\S+\/$/, 'not a URL ending in /').optional()),
});

export type Env = z.infer<typeof envSchema>;

/** One invalid variable: its name, its value as safe to show and zod's detail. */
export interface EnvProblem {
  variable: string;
  /** Undefined when unset, and null when the variable contains a secret that must not be shown. */
  value: string | null | undefined;
  detail: string;
}

export class EnvError extends Error {
  constructor(
    readonly problems: EnvProblem[],
    locale: Locale = 'en',
  ) {
    super(formatEnvProblems(problems, locale));
    this.name = 'EnvError';
  }

  /** Returns the whole message in another language. */
  describe(locale: Locale): string {
    return formatEnvProblems(this.problems, locale);
  }
}

/**
 * Parses the environment; throws an {@link EnvError} that names every invalid variable. Its
 * message is in `locale`, else the shell's language (LC_ALL, LC_MESSAGES, LANG), else a valid
 * DEFAULT_LOCALE, else English.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env, locale?: Locale): Env {
  const parsed = envSchema
    .superRefine((env, context) => {
      if (env.O2O_WORKERS > 1 && !env.DATABASE_URL) context.addIssue({ code: 'custom', path: ['O2O_WORKERS'], message: 'more than one worker needs DATABASE_URL' });
    })
    .safeParse(source);
  if (parsed.success) return parsed.data;

  const problems = new Map<string, EnvProblem>();
  for (const issue of parsed.error.issues) {
    const variable = String(issue.path[0] ?? '');
    if (problems.has(variable)) continue;
    problems.set(variable, { variable, value: displayValue(variable, source[variable]), detail: issue.message });
  }
  throw new EnvError([...problems.values()], locale ?? messageLocale(source));
}

/** Picks the language of start-up messages from the environment, as the CLI does for its output. */
export function messageLocale(source: NodeJS.ProcessEnv = process.env): Locale {
  const shell = source.LC_ALL || source.LC_MESSAGES || source.LANG;
  return localeFromTag(shell) ?? localeFromTag(source.DEFAULT_LOCALE) ?? 'en';
}

function formatEnvProblems(problems: EnvProblem[], locale: Locale): string {
  const t = translator(locale);
  const lines = problems.map((problem) => {
    const ruleKey = `env.rules.${problem.variable}`;
    const rule = t(ruleKey, { defaultValue: '' }) || t('env.fallback', { detail: problem.detail });
    if (problem.value === undefined) return t('env.missing', { name: problem.variable, rule });
    const value = problem.value ?? t('env.hidden');
    return t('env.present', { name: problem.variable, value, rule });
  });
  return [t('env.invalid'), ...lines.map((line) => `  - ${line}`)].join('\n');
}

const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PRIVATE|API_KEY|CLIENT_KEY/i;
const MAX_SHOWN_LENGTH = 80;

/** Returns a value fit for a message: secrets hidden, URL passwords masked, long values cut. */
function displayValue(variable: string, value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (SECRET_NAME.test(variable)) return null;
  const masked = value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
  return masked.length > MAX_SHOWN_LENGTH ? `${masked.slice(0, MAX_SHOWN_LENGTH)}…` : masked;
}

/** Returns a database URL's host, port and database name, without user or password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return 'postgres';
  }
}

/** Store options for this environment: Postgres with DATABASE_URL, PGlite in O2O_DATA_DIR otherwise. */
export function storeOptionsFrom(env: Env) {
  if (env.DATABASE_URL) {
    return {
      databaseUrl: env.DATABASE_URL,
      maxConnections: env.DATABASE_MAX_CONNECTIONS,
      prepare: env.DATABASE_PREPARE,
    };
  }
  return { dataDir: path.resolve(env.O2O_DATA_DIR) };
}

/**
 * Returns the settings worth logging at start-up. Built from an allow-list, so a secret added
 * to the schema later is never logged by accident; the store is named without credentials.
 */
export function describeEnv(env: Env): Record<string, unknown> {
  const store = env.DATABASE_URL
    ? {
        driver: 'postgres',
        location: describeDatabaseUrl(env.DATABASE_URL),
        maxConnections: env.DATABASE_MAX_CONNECTIONS,
        prepare: env.DATABASE_PREPARE,
      }
    : { driver: 'pglite', location: path.resolve(env.O2O_DATA_DIR) };
  return { store, host: env.HOST, port: env.PORT, workers: env.O2O_WORKERS, logLevel: env.LOG_LEVEL, defaultLocale: env.DEFAULT_LOCALE, tenant: env.O2O_TENANT, publicUrl: env.O2O_PUBLIC_URL ?? null };
}
