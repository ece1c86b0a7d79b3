import { cli } from './cli.js';
import { common } from './common.js';
import { demo } from './demo.js';
import { importText } from './import.js';
import { query } from './query.js';

// Each area file owns one top-level key, so merging them cannot overwrite a message.
export const fr = { ...common, ...cli, ...query, ...importText, ...demo };
