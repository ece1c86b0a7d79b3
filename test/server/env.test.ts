import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { describeEnv, EnvError, loadEnv, messageLocale, storeOptionsFrom } from '../../src/config/env.js';

/** Returns the EnvError that loading `source` throws, or fails the test. */
function envErrorOf(source: Record<string, string>, locale: 'en' | 'fr' = 'en'): EnvError {
  try {
    loadEnv(source, locale);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be rejected`);
}

describe('loadEnv defaults', () => {
  const env = loadEnv({});

  it.each([
    ['DATABASE_URL', undefined],
    ['DATABASE_MAX_CONNECTIONS', 10],
    ['DATABASE_PREPARE', true],
    ['O2O_DATA_DIR', '.o2o-data'],
    ['LOG_LEVEL', 'info'],
    ['DEFAULT_LOCALE', 'en'],
    ['O2O_TENANT', 'local:default'],
    ['PORT', 3000],
    ['HOST', '0.0.0.0'],
  ] as const)('defaults %s', (name, expected) => {
    expect(env[name]).toBe(expected);
  });

  it('treats blank values as unset', () => {
    const blank = loadEnv({ PORT: '', LOG_LEVEL: '  ', DATABASE_URL: '' });
    expect(blank.PORT).toBe(3000);
    expect(blank.LOG_LEVEL).toBe('info');
    expect(blank.DATABASE_URL).toBeUndefined();
  });

  it('puts the embedded store under the working directory', () => {
    expect(storeOptionsFrom(env)).toEqual({ dataDir: path.resolve('.o2o-data') });
  });
});

describe('loadEnv accepted values', () => {
  it('reads numbers, booleans and case-insensitive choices', () => {
    const env = loadEnv({
      PORT: ' 0 ',
      DATABASE_MAX_CONNECTIONS: '25',
      DATABASE_PREPARE: 'FALSE',
      LOG_LEVEL: 'Debug',
      DEFAULT_LOCALE: 'FR',
      HOST: '::1',
    });
    expect(env.PORT).toBe(0);
    expect(env.DATABASE_MAX_CONNECTIONS).toBe(25);
    expect(env.DATABASE_PREPARE).toBe(false);
    expect(env.LOG_LEVEL).toBe('debug');
    expect(env.DEFAULT_LOCALE).toBe('fr');
    expect(env.HOST).toBe('::1');
  });

  it('passes Postgres settings to the store', () => {
    const env = loadEnv({ DATABASE_URL: 'postgresql://o2o:pw@db.internal:6543/o2o', DATABASE_PREPARE: 'false', DATABASE_MAX_CONNECTIONS: '4' });
    expect(storeOptionsFrom(env)).toEqual({ databaseUrl: 'postgresql://o2o:pw@db.internal:6543/o2o', maxConnections: 4, prepare: false });
  });
});

describe('loadEnv rejected values', () => {
  it.each([
    ['PORT', 'abc', 'whole number from 0 to 65535'],
    ['PORT', '70000', 'whole number from 0 to 65535'],
    ['PORT', '-1', 'whole number from 0 to 65535'],
    ['PORT', '80.5', 'whole number from 0 to 65535'],
    ['PORT', '1e3', 'whole number from 0 to 65535'],
    ['DATABASE_URL', 'mysql://localhost/o2o', 'Postgres connection URL'],
    ['DATABASE_URL', 'localhost:5432', 'Postgres connection URL'],
    ['DATABASE_MAX_CONNECTIONS', '1', 'whole number from 2 to 200'],
    ['DATABASE_MAX_CONNECTIONS', 'many', 'whole number from 2 to 200'],
    ['DATABASE_PREPARE', 'yes', 'true or false'],
    ['LOG_LEVEL', 'verbose', 'fatal, error, warn, info, debug, trace or silent'],
    ['DEFAULT_LOCALE', 'de', 'en (English) and fr (French)'],
    ['O2O_TENANT', 'two words', 'without spaces'],
    ['HOST', 'http://localhost', 'without a scheme or port'],
    ['HOST', '127.0.0.1:3000', 'without a scheme or port'],
  ])('rejects %s=%s', (name, value, rule) => {
    const error = envErrorOf({ [name]: value });
    expect(error.problems.map((problem) => problem.variable)).toEqual([name]);
    expect(error.message).toContain(`${name} is '${value}'`);
    expect(error.message).toContain(rule);
    expect(error.message).toMatch(/unset it to|Fix it/);
    expect(error.message).not.toMatch(/Expected|received|\bnan\b/);
  });

  it('names every invalid variable at once', () => {
    const error = envErrorOf({ PORT: 'abc', LOG_LEVEL: 'loud', HOST: 'a b' });
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual(['HOST', 'LOG_LEVEL', 'PORT']);
    expect(error.message.split('\n')).toHaveLength(4);
  });

  it('masks the password of a database URL', () => {
    const error = envErrorOf({ DATABASE_URL: 'mysql://o2o:hunter2@db/o2o' });
    expect(error.message).toContain("'mysql://o2o:***@db/o2o'");
    expect(error.message).not.toContain('hunter2');
  });

  it('shows a hidden value as hidden', () => {
    const error = new EnvError([{ variable: 'SLACK_SIGNING_SECRET', value: null, detail: 'too short' }]);
    expect(error.message).toContain("SLACK_SIGNING_SECRET is '[hidden]'");
  });

  it('writes the fix in French', () => {
    const error = envErrorOf({ PORT: 'abc' }, 'fr');
    expect(error.message).toContain('variables d’environnement sont invalides');
    expect(error.message).toContain('PORT vaut « abc » : il faut un nombre entier de 0 à 65535');
  });

  it('translates an error already thrown', () => {
    const error = envErrorOf({ PORT: 'abc' }, 'en');
    expect(error.describe('fr')).toContain('PORT vaut « abc »');
  });
});

describe('messageLocale', () => {
  it('follows the shell language first', () => {
    expect(messageLocale({ LANG: 'fr_FR.UTF-8', DEFAULT_LOCALE: 'en' })).toBe('fr');
  });

  it('falls back to DEFAULT_LOCALE, then English', () => {
    expect(messageLocale({ LANG: 'C.UTF-8', DEFAULT_LOCALE: 'fr' })).toBe('fr');
    expect(messageLocale({ LANG: 'de_DE.UTF-8' })).toBe('en');
  });
});

describe('describeEnv', () => {
  it('names the Postgres store without credentials', () => {
    const summary = describeEnv(loadEnv({ DATABASE_URL: 'postgres://o2o:hunter2@db.internal:6543/o2o' }));
    expect(summary.store).toEqual({ driver: 'postgres', location: 'db.internal:6543/o2o', maxConnections: 10, prepare: true });
    expect(JSON.stringify(summary)).not.toContain('hunter2');
  });

  it('names the embedded store by its folder', () => {
    const summary = describeEnv(loadEnv({ O2O_DATA_DIR: '/var/lib/o2o' }));
    expect(summary.store).toEqual({ driver: 'pglite', location: '/var/lib/o2o' });
  });
});
