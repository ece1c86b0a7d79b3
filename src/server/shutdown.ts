// Graceful stop on SIGTERM or SIGINT: close what was opened, newest first, then exit 0.
// A second signal, or a stop that outlasts its deadline, exits 1 at once.
import type { Logger } from '../config/logger.js';

export interface Shutdown {
  /** Registers something to close on stop; the last registered closes first. */
  add(name: string, close: () => Promise<void>): void;
  /** Closes everything registered, newest first, and logs each failure without stopping. */
  run(reason: string): Promise<void>;
  /** Stops as on a signal: closes everything within the deadline, then exits. */
  stop(reason: NodeJS.Signals | 'disconnect'): void;
}

/** Creates the stop sequence and installs the SIGTERM and SIGINT handlers. */
export function installShutdown(logger: Logger, options: { deadlineMs?: number; exit?: (code: number) => void; signals?: readonly NodeJS.Signals[] } = {}): Shutdown {
  const deadlineMs = options.deadlineMs ?? 15_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const resources: Array<{ name: string; close: () => Promise<void> }> = [];
  let stopping = false;

  const run = async (reason: string) => {
    stopping = true;
    logger.info({ reason }, 'shutting down');
    for (const resource of resources.splice(0).reverse()) {
      try {
        await resource.close();
      } catch (error) {
        logger.error({ err: error, resource: resource.name }, 'shutdown: closing failed');
      }
    }
  };

  const onSignal = (signal: NodeJS.Signals | 'disconnect') => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      exit(1);
      return;
    }
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs }, 'shutdown took too long: exiting now');
      exit(1);
    }, deadlineMs);
    deadline.unref();
    void run(signal).then(() => {
      clearTimeout(deadline);
      logger.info('stopped');
      exit(0);
    });
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, onSignal);

  return { add: (name, close) => void resources.push({ name, close }), run, stop: onSignal };
}
