import { charter } from './charter.js';
import { charterView } from './charter-view.js';
import { cli } from './cli.js';
import { commands } from './commands.js';
import { common } from './common.js';
import { deals } from './deals.js';
import { demo } from './demo.js';
import { env } from './env.js';
import { importText } from './import.js';
import { jobs } from './jobs.js';
import { query } from './query.js';
import { settings } from './settings.js';
import { slack } from './slack.js';
import { teams } from './teams.js';

// Each area file owns one top-level key, so merging them cannot overwrite a message.
export const fr = { ...common, ...commands, ...slack, ...cli, ...query, ...importText, ...demo, ...env, ...jobs, ...deals, ...teams, ...settings, ...charter, ...charterView };
