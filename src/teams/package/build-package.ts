// `npm run teams:package`: zips the Teams app package (manifest, icons, French localization)
// ready to upload. `-- --update` rewrites the committed template and icons in manifests/teams.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import AdmZip from 'adm-zip';

import { EnvError, loadEnv } from '../../config/env.js';
import { drawColorIcon, drawOutlineIcon } from './icons.js';
import { buildFrenchLocalization, buildManifestTemplate, checkLimits, fillPlaceholders, type ManifestValues } from './manifest.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const TEMPLATE_DIR = path.join(root, 'manifests/teams');
const DEFAULT_OUTPUT = path.join(root, 'dist/o2o-teams-app.zip');
const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

/** Returns the committed files of manifests/teams as the catalogues and the icon drawing make them today. */
export function templateFiles(): Record<string, Buffer> {
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    'manifest.json': Buffer.from(`${JSON.stringify(buildManifestTemplate(version), null, 2)}\n`),
    'fr-fr.json': Buffer.from(`${JSON.stringify(buildFrenchLocalization(), null, 2)}\n`),
    'color.png': drawColorIcon(),
    'outline.png': drawOutlineIcon(),
  };
}

/** Reads the ids and URLs to put in the package; a missing app id becomes a placeholder, with a warning. */
export function manifestValues(source: NodeJS.ProcessEnv, warn: (text: string) => void): ManifestValues {
  const env = loadEnv(source);
  const botId = env.MicrosoftAppId ?? PLACEHOLDER_ID;
  if (!env.MicrosoftAppId) warn(`MicrosoftAppId is not set: the package uses ${PLACEHOLDER_ID}. Set it to the bot's app id before uploading.`);
  const url = (name: string, fallback: string) => {
    const value = source[name]?.trim();
    if (!value) warn(`${name} is not set: the package uses ${fallback}.`);
    else if (!value.startsWith('https://')) throw new Error(`${name} must be an https:// address (got '${value}').`);
    return value || fallback;
  };
  return {
    appId: env.TEAMS_APP_ID ?? botId,
    botId,
    websiteUrl: url('TEAMS_WEBSITE_URL', 'https://example.com/o2o'),
    privacyUrl: url('TEAMS_PRIVACY_URL', 'https://example.com/o2o/privacy'),
    termsUrl: url('TEAMS_TERMS_URL', 'https://example.com/o2o/terms'),
  };
}

/** Builds the zip from the committed files in `templateDir`, after checking the manifest's limits. */
export function buildPackage(templateDir: string, values: ManifestValues): Buffer {
  const read = (name: string) => readFileSync(path.join(templateDir, name));
  const manifest = fillPlaceholders(read('manifest.json').toString('utf8'), values);
  const localization = read('fr-fr.json').toString('utf8');
  const problems = checkLimits(JSON.parse(manifest), JSON.parse(localization));
  if (problems.length > 0) throw new Error(`The manifest does not fit the Teams schema:\n  - ${problems.join('\n  - ')}`);

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifest));
  zip.addFile('fr-fr.json', Buffer.from(localization));
  zip.addFile('color.png', read('color.png'));
  zip.addFile('outline.png', read('outline.png'));
  return zip.toBuffer();
}

function main(argv: string[]): void {
  if (argv.includes('--update')) {
    mkdirSync(TEMPLATE_DIR, { recursive: true });
    for (const [name, content] of Object.entries(templateFiles())) writeFileSync(path.join(TEMPLATE_DIR, name), content);
    process.stdout.write(`Updated ${TEMPLATE_DIR}\n`);
    return;
  }
  const outIndex = argv.indexOf('--out');
  const output = outIndex >= 0 && argv[outIndex + 1] ? path.resolve(argv[outIndex + 1]!) : DEFAULT_OUTPUT;
  const zip = buildPackage(TEMPLATE_DIR, manifestValues(process.env, (text) => process.stderr.write(`warning: ${text}\n`)));
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, zip);
  process.stdout.write(`Wrote ${output}: upload it in Teams (Apps › Manage your apps › Upload an app).\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof EnvError || error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
