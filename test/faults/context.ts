// What every fault scenario receives and returns, and the checks that scenarios share: counting
// stored markers and comparing them with the reply each user saw.
import type postgres from 'postgres';

import type { WriteResult, Platforms } from './clients.js';
import type { FaultDatabase } from './database.js';
import type { Replica } from './replicas.js';

export interface FaultContext {
  database: FaultDatabase;
  /** A connection of the run itself, for checks and for making jobs due. */
  sql: postgres.Sql;
  platforms: Platforms;
  replicas: Replica[];
  /** Short random id that makes this run's markers unique. */
  runId: string;
  /**
   * True: wait out a claim or retry delay in real time (up to five minutes). False: move the
   * expiry to now in the database, which stands for that time passing.
   */
  realWaits: boolean;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ScenarioResult {
  name: string;
  /** Table rows: label and value. */
  rows: Array<[string, string | number]>;
  checks: Check[];
}

export function check(name: string, ok: boolean, detail = ''): Check {
  return { name, ok, detail };
}

/** Returns how many contacts carry each name that starts with `prefix`. */
export async function storedCounts(sql: postgres.Sql, prefix: string): Promise<Map<string, number>> {
  const rows = await sql<Array<{ name: string; copies: string | number }>>`
    select name, count(*) as copies from contacts where name like ${`${prefix}%`} group by name`;
  return new Map(rows.map((row) => [row.name, Number(row.copies)]));
}

export interface StreamVerdict {
  acknowledged: WriteResult[];
  refused: WriteResult[];
  unanswered: WriteResult[];
  /** Writes stored more than once. */
  duplicates: string[];
  /** Acknowledged writes that are missing. */
  lost: string[];
  /** Refused writes that were stored all the same (once). */
  refusedButStored: string[];
  /** Refused writes that were stored more than once. */
  refusedStoredTwice: string[];
  /** Writes without a reply (or never delivered) that were stored. */
  unansweredButStored: string[];
  stored: number;
}

/** Compares the replies users saw with what the database contains. */
export function judgeStream(results: WriteResult[], counts: Map<string, number>): StreamVerdict {
  const copies = (result: WriteResult) => counts.get(result.marker) ?? 0;
  const acknowledged = results.filter((result) => result.outcome === 'saved' || result.outcome === 'unchanged');
  const refused = results.filter((result) => result.outcome === 'refused');
  const unanswered = results.filter((result) => !acknowledged.includes(result) && !refused.includes(result));
  return {
    acknowledged,
    refused,
    unanswered,
    duplicates: results.filter((result) => copies(result) > 1).map((result) => `${result.marker} (${copies(result)} copies)`),
    lost: acknowledged.filter((result) => copies(result) === 0).map((result) => result.marker),
    refusedButStored: refused.filter((result) => copies(result) === 1).map((result) => `${result.marker} via ${result.platform} on ${result.replica}`),
    refusedStoredTwice: refused.filter((result) => copies(result) > 1).map((result) => result.marker),
    unansweredButStored: unanswered.filter((result) => copies(result) === 1).map((result) => `${result.marker} (${result.outcome})`),
    stored: results.filter((result) => copies(result) > 0).length,
  };
}

/** Formats a list for a check's detail, cut after a few entries. */
export function listed(items: string[], max = 6): string {
  if (items.length === 0) return 'none';
  return items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 500 ms until it is true; returns false on timeout. */
export async function pollUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await sleep(500);
  }
}
