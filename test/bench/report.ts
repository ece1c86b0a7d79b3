// Plain-text report of a benchmark run, and the facts about the machine it ran on.
import { readFileSync } from 'node:fs';
import os from 'node:os';

import type { BenchResult, Metric } from './benchmarks/types.js';

export interface RunRecord {
  driver: string;
  location: string;
  scale: number;
  counts: Record<string, number>;
  generationSeconds: number;
  results: Array<{ name: string; title: string } & BenchResult>;
}

export function describeMachine(): Record<string, string> {
  const pglite = JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string };
  return {
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism()}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    pglite: pglite.version,
  };
}

function formatValue(metric: Metric): string {
  if (metric.unit === 'ms') return `${metric.value.toFixed(1)} ms`;
  if (metric.unit === 's') return `${metric.value.toFixed(2)} s`;
  if (metric.unit === 'rows/s') return `${Math.round(metric.value).toLocaleString('en-GB')} rows/s`;
  return `${metric.value.toLocaleString('en-GB')} rows`;
}

/** Returns "meets target", "misses target" or "" for a metric; targets are judged on Postgres only. */
function verdict(metric: Metric, driver: string): string {
  if (!metric.target || driver !== 'postgres') return '';
  const { max, min } = metric.target;
  const met = (max === undefined || metric.value <= max) && (min === undefined || metric.value >= min);
  const goal = max !== undefined ? `≤ ${max}` : `≥ ${min?.toLocaleString('en-GB')}`;
  return `${met ? 'meets' : 'MISSES'} target ${goal}`;
}

export function formatRun(run: RunRecord): string {
  const lines = [`== ${run.driver} (${run.location}), scale ${run.scale}`, `   tenant: ${Object.entries(run.counts).map(([key, value]) => `${value.toLocaleString('en-GB')} ${key}`).join(', ')}`];
  lines.push(`   generated in ${run.generationSeconds.toFixed(1)} s`);
  for (const result of run.results) {
    lines.push(`-- ${result.name}: ${result.title}`);
    if (result.skipped) lines.push(`   skipped: ${result.skipped}`);
    for (const metric of result.metrics) lines.push(`   ${metric.label.padEnd(11)} ${formatValue(metric).padStart(16)}   ${verdict(metric, run.driver)}`.trimEnd());
    for (const note of result.notes ?? []) lines.push(`   ${note}`);
  }
  return lines.join('\n');
}

/** Returns whether every metric with a target met it (on Postgres) and nothing failed. */
export function allTargetsMet(runs: RunRecord[]): boolean {
  return runs.every((run) => run.results.every((result) => !result.skipped?.startsWith('failed') && result.metrics.every((metric) => !verdict(metric, run.driver).startsWith('MISSES'))));
}
