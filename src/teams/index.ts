// Teams endpoints, mounted on the server's Express application when Teams is configured.
import type express from 'express';

import type { Runtime } from '../app/runtime.js';

/** Mounts the Teams endpoints; logs and returns false when Teams is not configured. */
export async function mountTeams(app: express.Express, runtime: Runtime): Promise<boolean> {
  void app;
  runtime.logger.info('Teams is not configured: its endpoints are disabled');
  return false;
}
