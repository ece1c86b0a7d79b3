// The environment, validated once at start-up by one zod schema. An invalid value stops
// start-up with the variable's name and how to fix it.
import path from 'node:path';

import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://, for example postgres://user@127.0.0.1:5432/o2o')
      .optional(),
  ),
  DATABASE_MAX_CONNECTIONS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('must be a whole number').min(2, 'must be at least 2').max(200, 'must be at most 200').default(10),
  ),
  // Off behind a transaction-mode pooler such as PgBouncer, which cannot keep prepared statements.
  DATABASE_PREPARE: z.preprocess(
    emptyAsUndefined,
    z.enum(['true', 'false'], { errorMap: () => ({ message: 'must be true or false' }) }).default('true'),
  ),
  O2O_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.o2o-data')),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(LOG_LEVELS, { errorMap: () => ({ message: `must be one of ${LOG_LEVELS.join(', ')}` }) }).default('info'),
  ),
  DEFAULT_LOCALE: z.preprocess(
    emptyAsUndefined,
    z.enum(LOCALES, { errorMap: () => ({ message: 'must be en or fr' }) }).default('en'),
  ),
  // The tenant the CLI and a single-workspace server work in until platforms bring their own.
  O2O_TENANT: z.preprocess(emptyAsUndefined, z.string().min(1).default('local:default')),
  PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('must be a whole number').min(0, 'must be a port number from 0 to 65535').max(65535, 'must be a port number from 0 to 65535').default(3000),
  ),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses the environment; throws an {@link EnvError} that names every invalid variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return `${name}=${JSON.stringify(source[name] ?? '')} ${issue.message}. Set ${name} to a valid value or unset it.`;
  });
  throw new EnvError(problems);
}

/** Store options for this environment: Postgres with DATABASE_URL, PGlite in O2O_DATA_DIR otherwise. */
export function storeOptionsFrom(env: Env) {
  if (env.DATABASE_URL) {
    return {
      databaseUrl: env.DATABASE_URL,
      maxConnections: env.DATABASE_MAX_CONNECTIONS,
      prepare: env.DATABASE_PREPARE === 'true',
    };
  }
  return { dataDir: path.resolve(env.O2O_DATA_DIR) };
}
