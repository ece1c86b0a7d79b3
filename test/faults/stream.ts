// A stream of write commands at a steady rate, round-robin over the replicas and alternating
// between Slack and Teams, each adding a contact with a unique name.
import { contactLine, slackWrite, teamsWrite, type Platforms, type WriteResult } from './clients.js';
import type { Replica } from './replicas.js';

export const STREAM_ACCOUNT = 'Fault Stream';

export interface StreamOptions {
  /** Name prefix of the contacts, unique to the run and scenario. */
  prefix: string;
  count: number;
  perSecond: number;
  /** The replicas that receive traffic now, read before each write (a killed replica leaves it). */
  targets: () => Replica[];
  /** Called before write `index` is sent, without waiting for it. */
  onWrite?: (index: number) => void;
}

export function markerOf(prefix: string, index: number): string {
  return `${prefix} ${String(index).padStart(4, '0')}`;
}

/**
 * Sends write `index` to targets[index % n]: writes 0 and 1 go through Slack, 2 and 3 through
 * Teams, and so on, so each replica gets both platforms.
 */
export async function runWriteStream(platforms: Platforms, options: StreamOptions): Promise<WriteResult[]> {
  const started = performance.now();
  const pending: Array<Promise<WriteResult>> = [];
  for (let index = 0; index < options.count; index++) {
    const wait = started + (index * 1_000) / options.perSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    options.onWrite?.(index);
    const targets = options.targets();
    const replica = targets[index % targets.length]!;
    const marker = markerOf(options.prefix, index);
    const write = Math.floor(index / 2) % 2 === 0 ? slackWrite : teamsWrite;
    pending.push(write(platforms, replica, marker, contactLine(marker, STREAM_ACCOUNT)));
  }
  return Promise.all(pending);
}

/** Sends one Slack and one Teams write to each replica, one after the other; returns the results. */
export async function writeOnEach(platforms: Platforms, replicas: Replica[], prefix: string): Promise<WriteResult[]> {
  const results: WriteResult[] = [];
  let index = 0;
  for (const replica of replicas) {
    for (const write of [slackWrite, teamsWrite]) {
      const marker = markerOf(prefix, index++);
      results.push(await write(platforms, replica, marker, contactLine(marker, STREAM_ACCOUNT)));
    }
  }
  return results;
}
