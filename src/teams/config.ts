// How the Teams endpoint authenticates, decided once at start-up from the validated environment.
import { readFileSync } from 'node:fs';

import { EnvError, messageLocale, type Env, type EnvProblem } from '../config/env.js';

export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';

/** Bot Framework credentials, as botbuilder's configuration factory names them. */
export interface TeamsCredentials {
  appId: string;
  appType: TeamsAppType;
  password?: string;
  tenantId?: string;
  certificate?: { thumbprint: string; privateKey: string };
}

export type TeamsConfig =
  | { mode: 'authenticated'; credentials: TeamsCredentials }
  /** Unauthenticated requests accepted: the Bot Framework Emulator and local tests. */
  | { mode: 'local' }
  | { mode: 'disabled' };

const APP_TYPES: Record<Env['MicrosoftAppType'], TeamsAppType> = {
  multitenant: 'MultiTenant',
  singletenant: 'SingleTenant',
  userassignedmsi: 'UserAssignedMsi',
};

/**
 * Resolves the Teams mode. Throws an {@link EnvError} when the variables contradict each other:
 * local mode together with an app id, an app id without a password, certificate or managed
 * identity, a single-tenant app without its tenant, or a half-given certificate.
 */
export function resolveTeamsConfig(env: Env, readKeyFile: (path: string) => string = readPrivateKey): TeamsConfig {
  const problems = findProblems(env);
  if (problems.length > 0) throw new EnvError(problems, messageLocale());

  if (!env.MicrosoftAppId) return env.TEAMS_LOCAL_MODE ? { mode: 'local' } : { mode: 'disabled' };

  const credentials: TeamsCredentials = { appId: env.MicrosoftAppId, appType: APP_TYPES[env.MicrosoftAppType] };
  if (env.MicrosoftAppPassword) credentials.password = env.MicrosoftAppPassword;
  if (env.MicrosoftAppTenantId) credentials.tenantId = env.MicrosoftAppTenantId;
  if (env.MicrosoftAppCertificateThumbprint && env.MicrosoftAppCertificateKeyFile) {
    credentials.certificate = {
      thumbprint: env.MicrosoftAppCertificateThumbprint,
      privateKey: loadKey(env.MicrosoftAppCertificateKeyFile, readKeyFile),
    };
  }
  return { mode: 'authenticated', credentials };
}

function findProblems(env: Env): EnvProblem[] {
  const problems: EnvProblem[] = [];
  const problem = (variable: string, value: string | null | undefined, detail: string) => problems.push({ variable, value, detail });
  const hasCertificate = Boolean(env.MicrosoftAppCertificateThumbprint || env.MicrosoftAppCertificateKeyFile);

  if (env.TEAMS_LOCAL_MODE && env.MicrosoftAppId) {
    problem('TEAMS_LOCAL_MODE', 'true', 'local mode cannot be combined with MicrosoftAppId');
  }
  if (!env.MicrosoftAppId) {
    const orphan = (['MicrosoftAppPassword', 'MicrosoftAppCertificateThumbprint', 'MicrosoftAppCertificateKeyFile'] as const).find((name) => env[name]);
    if (orphan) problem('MicrosoftAppId', undefined, `${orphan} is set but MicrosoftAppId is not`);
    return problems;
  }

  if (hasCertificate && !env.MicrosoftAppCertificateThumbprint) problem('MicrosoftAppCertificateThumbprint', undefined, 'the certificate needs its thumbprint');
  if (hasCertificate && !env.MicrosoftAppCertificateKeyFile) problem('MicrosoftAppCertificateKeyFile', undefined, 'the certificate needs its private key file');

  const type = env.MicrosoftAppType;
  if (type === 'userassignedmsi' && env.MicrosoftAppPassword) problem('MicrosoftAppPassword', null, 'a managed identity takes no password');
  if (type !== 'userassignedmsi' && !env.MicrosoftAppPassword && !hasCertificate) {
    problem('MicrosoftAppPassword', undefined, 'MicrosoftAppId needs a password or a certificate');
  }
  if (type !== 'multitenant' && !env.MicrosoftAppTenantId) problem('MicrosoftAppTenantId', undefined, `MicrosoftAppType=${type} needs the tenant id`);
  return problems;
}

function loadKey(path: string, readKeyFile: (path: string) => string): string {
  let key: string;
  try {
    key = readKeyFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EnvError([{ variable: 'MicrosoftAppCertificateKeyFile', value: path, detail: `cannot be read: ${reason}` }], messageLocale());
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) {
    throw new EnvError([{ variable: 'MicrosoftAppCertificateKeyFile', value: path, detail: 'holds no PEM private key' }], messageLocale());
  }
  return key;
}

function readPrivateKey(path: string): string {
  return readFileSync(path, 'utf8');
}
