// The in-process scheduler. Each tick plans update requests for tenants whose daily run is due,
// composes due digests, queues due requests, then sends what the outbox holds. Every step claims
// its rows in Postgres, so any number of replicas can tick at once and each message goes out once.
import { and, eq, sql } from 'drizzle-orm';

import { readRequestSettings } from '../app/update-requests.js';
import { nextDailyRun, planRun } from '../domain/schedule.js';
import { recordJobRun } from '../server/metrics.js';
import { jobSchedules, tenants } from '../store/schema.js';
import { claimDueSchedule, errorText, type JobDeps } from './context.js';
import { runDueDigests } from './digest-job.js';
import { dispatchOutbox, type DispatchReport } from './dispatch.js';
import { planTenantRequests } from './request-planner.js';
import { queueDueRequests } from './request-queue.js';
import { runDueRetention } from './retention.js';

export const PLAN_JOB = 'update-requests.plan';
/** A planning run that failed is tried again after this delay, in milliseconds. */
const FAILED_PLAN_RETRY_MS = 60 * 60_000;

export interface TickReport {
  planned: number;
  digests: number;
  requestMessages: number;
  outbox: DispatchReport;
  /** Tenants whose daily retention pass ran. */
  retention: number;
}

/** Runs every due step once. Tests call it with a fake clock; the loop calls it on a timer. */
export async function runTick(deps: JobDeps): Promise<TickReport> {
  await ensurePlanSchedules(deps);
  const planned = await runDuePlanning(deps);
  const digests = await runDueDigests(deps);
  const requestMessages = await queueDueRequests(deps);
  const outbox = await dispatchOutbox(deps);
  const retention = await runDueRetention(deps);
  return { planned, digests, requestMessages, outbox, retention };
}

/** Gives each tenant its daily planning row; the first run is due at once. */
async function ensurePlanSchedules(deps: JobDeps): Promise<void> {
  await deps.db.execute(sql`
    insert into ${jobSchedules} (job, tenant_id, next_run_at)
    select ${PLAN_JOB}, ${tenants.id}, ${deps.now().toISOString()}::timestamptz from ${tenants}
    on conflict do nothing`);
}

/** Plans the requests of every tenant whose daily run is due; returns how many tenants ran. */
export async function runDuePlanning(deps: JobDeps, limit = 20): Promise<number> {
  let ran = 0;
  for (; ran < limit; ran++) {
    if (!(await runOnePlanning(deps))) break;
  }
  return ran;
}

async function runOnePlanning(deps: JobDeps): Promise<boolean> {
  const now = deps.now();
  let tenantId: string | null = null;
  try {
    return await deps.db.transaction(async (tx) => {
      const schedule = await claimDueSchedule(tx as never, PLAN_JOB, now);
      if (!schedule) return false;
      tenantId = schedule.tenantId;

      const { planTime } = await readRequestSettings(tx, schedule.tenantId);
      const decision = planRun(schedule.nextRunAt, now, (after) => nextDailyRun(planTime, 'UTC', after));
      await planTenantRequests(deps, tx, schedule.tenantId, now);
      await tx
        .update(jobSchedules)
        .set({ nextRunAt: decision.nextRunAt, lastRunAt: now, lastRunBy: deps.workerId, lastError: null, updatedAt: now })
        .where(and(eq(jobSchedules.job, PLAN_JOB), eq(jobSchedules.tenantId, schedule.tenantId)));
      return true;
    });
  } catch (error) {
    if (!tenantId) throw error;
    deps.logger.error({ err: error, tenantId }, 'update request planning failed; retrying later');
    await deps.db
      .update(jobSchedules)
      .set({ nextRunAt: new Date(now.getTime() + FAILED_PLAN_RETRY_MS), lastError: errorText(error).slice(0, 500), updatedAt: now })
      .where(and(eq(jobSchedules.job, PLAN_JOB), eq(jobSchedules.tenantId, tenantId)));
    return true;
  }
}

export interface Scheduler {
  /** Runs one tick now, after the one in progress, if any. */
  tick(): Promise<TickReport | null>;
  /** Stops the timer and waits for the tick in progress. */
  stop(): Promise<void>;
}

/**
 * Starts ticking every `intervalMs` milliseconds. Ticks never overlap: the next one is scheduled
 * when the previous one ends. A failing tick is logged and the loop goes on.
 */
export function startScheduler(deps: JobDeps, options: { intervalMs?: number } = {}): Scheduler {
  const intervalMs = options.intervalMs ?? 10_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<TickReport | null> = Promise.resolve(null);

  const tickOnce = (): Promise<TickReport | null> => {
    running = running.then(async () => {
      if (stopped) return null;
      try {
        const report = await runTick(deps);
        recordJobRun('tick', 'ok');
        return report;
      } catch (error) {
        recordJobRun('tick', 'error');
        deps.logger.error({ err: error, workerId: deps.workerId }, 'scheduler tick failed');
        return null;
      }
    });
    return running;
  };
  const loop = () => {
    void tickOnce().then(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };

  deps.logger.info({ workerId: deps.workerId, intervalMs }, 'scheduler started');
  timer = setTimeout(loop, 0);
  return {
    tick: tickOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      deps.logger.info({ workerId: deps.workerId }, 'scheduler stopped');
    },
  };
}
