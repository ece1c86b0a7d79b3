// Turns a failure while opening the store or binding the port into one sentence that names what
// to change. An unrecognised failure gets a generic sentence, and the log keeps its stack.
import { describeDatabaseUrl, storeOptionsFrom, type Env } from '../config/env.js';
import type { Translate } from '../i18n/index.js';
import { DataDirInUseError } from '../store/database.js';

export type StartupPhase = 'store' | 'listen';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
// Postgres SQLSTATE codes: invalid_password, invalid_authorization_specification.
const AUTH_CODES = new Set(['28P01', '28000']);
// Postgres SQLSTATE invalid_catalog_name: the database named in the URL does not exist.
const MISSING_DATABASE_CODE = '3D000';
const FOLDER_CODES = new Set(['EACCES', 'EPERM', 'ENOTDIR', 'EEXIST', 'EROFS', 'ENOSPC', 'ENAMETOOLONG']);

/** Returns the error's code (a Node errno name or a Postgres SQLSTATE), looking inside aggregate errors. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown[] }).errors;
  return Array.isArray(inner) ? errorCode(inner[0]) : undefined;
}

/** Returns the translated sentence that explains a start-up failure in the given phase. */
export function describeStartupError(error: unknown, phase: StartupPhase, env: Env, t: Translate): string {
  const code = errorCode(error);
  const specific = phase === 'store' ? describeStoreError(error, code, env, t) : describeListenError(code, env, t);
  if (specific) return specific;
  const reason = error instanceof Error ? error.message : String(error);
  return t('env.startup.failed', { reason: reason.replace(/\.$/, '') });
}

function describeStoreError(error: unknown, code: string | undefined, env: Env, t: Translate): string | undefined {
  if (!code) return undefined;
  if (env.DATABASE_URL) {
    const location = describeDatabaseUrl(env.DATABASE_URL);
    if (UNREACHABLE_CODES.has(code)) return t('env.startup.storeUnreachable', { location, reason: code });
    if (AUTH_CODES.has(code)) return t('env.startup.storeAuth', { location });
    if (code === MISSING_DATABASE_CODE) return t('env.startup.storeMissingDatabase', { location });
    return undefined;
  }
  if (error instanceof DataDirInUseError) return t('env.startup.dataDirInUse', { path: error.dataDir, pid: error.pid });
  if (FOLDER_CODES.has(code)) {
    const { dataDir } = storeOptionsFrom(env) as { dataDir: string };
    return t('env.startup.dataDirUnusable', { path: dataDir, reason: code });
  }
  return undefined;
}

function describeListenError(code: string | undefined, env: Env, t: Translate): string | undefined {
  if (code === 'EADDRINUSE') return t('env.startup.portInUse', { port: env.PORT, host: env.HOST });
  if (code === 'EACCES') return t('env.startup.portForbidden', { port: env.PORT });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return t('env.startup.hostUnavailable', { host: env.HOST });
  return undefined;
}
