// O2O_PUBLIC_URL: the base URL that Teams cards link pictures under.
import { describe, expect, it } from 'vitest';

import { describeEnv, EnvError, loadEnv } from '../../src/config/env.js';

function envErrorOf(value: string, locale: 'en' | 'fr' = 'en'): EnvError {
  try {
    loadEnv({ O2O_PUBLIC_URL: value }, locale);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error(`expected O2O_PUBLIC_URL=${value} to be rejected`);
}

describe('O2O_PUBLIC_URL', () => {
  it('is unset by default and when blank', () => {
    expect(loadEnv({}).O2O_PUBLIC_URL).toBeUndefined();
    expect(loadEnv({ O2O_PUBLIC_URL: '  ' }).O2O_PUBLIC_URL).toBeUndefined();
  });

  it.each([
    ['https://o2o.example.com', 'https://o2o.example.com'],
    ['https://o2o.example.com/', 'https://o2o.example.com'],
    [' https://example.com/o2o// ', 'https://example.com/o2o'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
  ])('accepts %s', (value, expected) => {
    expect(loadEnv({ O2O_PUBLIC_URL: value }).O2O_PUBLIC_URL).toBe(expected);
  });

  it.each(['o2o.example.com', 'ftp://o2o.example.com', 'https://o2o.example.com/?tenant=a', 'https://o2o.example.com/#top', 'https://user@o2o.example.com'])(
    'rejects %s with the rule',
    (value) => {
      const error = envErrorOf(value);
      expect(error.problems.map((problem) => problem.variable)).toEqual(['O2O_PUBLIC_URL']);
      expect(error.message).toContain('it must be the public URL of this server');
      expect(error.message).toContain('unset it to send pictures inside Teams messages');
    },
  );

  it('writes the rule in French', () => {
    expect(envErrorOf('o2o.example.com', 'fr').message).toContain('il faut l’adresse publique de ce serveur');
  });

  it('is logged at start-up', () => {
    expect(describeEnv(loadEnv({ O2O_PUBLIC_URL: 'https://o2o.example.com/' })).publicUrl).toBe('https://o2o.example.com');
    expect(describeEnv(loadEnv({})).publicUrl).toBeNull();
  });
});
