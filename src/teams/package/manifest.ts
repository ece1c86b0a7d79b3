// The Teams app manifest (schema 1.17) and its French localization file, built from the
// catalogues so the manifest speaks the same words as the bot.
import { VERBS } from '../../app/commands/index.js';
import { translator } from '../../i18n/index.js';
import { EXTENSION_FORMS } from '../extensions/commands.js';

export const MANIFEST_VERSION = '1.17';
const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}`;

/** Placeholders of the committed template; `npm run teams:package` replaces them. */
export const PLACEHOLDERS = {
  appId: '${{TEAMS_APP_ID}}',
  botId: '${{MICROSOFT_APP_ID}}',
  websiteUrl: '${{TEAMS_WEBSITE_URL}}',
  privacyUrl: '${{TEAMS_PRIVACY_URL}}',
  termsUrl: '${{TEAMS_TERMS_URL}}',
} as const;

/** Limits of the manifest schema: name and description lengths, command title and id lengths. */
export const LIMITS = {
  shortName: 30,
  fullName: 100,
  shortDescription: 80,
  fullDescription: 4000,
  commandTitle: 32,
  commandDescription: 128,
  commandId: 64,
  botCommands: 10,
  extensionCommands: 10,
};

// Commands offered in the bot's command menu: in a personal chat, and where the bot is mentioned.
// Digests are posted to channels, so "digest" is offered there only.
const PERSONAL_COMMANDS = ['who', 'who-knows', 'reach', 'contacts', 'know', 'log', 'ask', 'help'] as const;
const SHARED_COMMANDS = ['who', 'who-knows', 'reach', 'contacts', 'digest', 'ask', 'help'] as const;
// Verbs of the digest and ask commands, which the shared grammar reads besides VERBS.
const JOBS_VERBS: readonly string[] = ['digest', 'ask'];

type Manifest = Record<string, unknown>;

function commandList(t: ReturnType<typeof translator>, verbs: readonly string[]) {
  return verbs.map((verb) => ({ title: verb, description: t(`teams.manifest.commands.${verb}`) }));
}

function extensionCommands(t: ReturnType<typeof translator>) {
  return Object.keys(EXTENSION_FORMS).map((id) => ({
    id,
    type: 'action',
    title: t(`teams.manifest.actions.${id}.title`),
    description: t(`teams.manifest.actions.${id}.description`),
    context: ['message', 'compose', 'commandBox'],
    fetchTask: true,
  }));
}

/** Builds the manifest in English, with placeholders in place of ids and URLs. */
export function buildManifestTemplate(version: string): Manifest {
  const t = translator('en');
  const known = new Set<string>([...VERBS, ...JOBS_VERBS]);
  for (const verb of [...PERSONAL_COMMANDS, ...SHARED_COMMANDS]) if (!known.has(verb)) throw new Error(`the grammar has no command '${verb}'`);
  return {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version,
    id: PLACEHOLDERS.appId,
    developer: {
      name: 'o2o',
      websiteUrl: PLACEHOLDERS.websiteUrl,
      privacyUrl: PLACEHOLDERS.privacyUrl,
      termsOfUseUrl: PLACEHOLDERS.termsUrl,
    },
    name: { short: t('teams.manifest.shortName'), full: t('teams.manifest.fullName') },
    description: { short: t('teams.manifest.shortDescription'), full: t('teams.manifest.fullDescription') },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#1F6F8B',
    localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'fr-fr', file: 'fr-fr.json' }] },
    bots: [
      {
        botId: PLACEHOLDERS.botId,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          { scopes: ['personal'], commands: commandList(t, PERSONAL_COMMANDS) },
          { scopes: ['team', 'groupChat'], commands: commandList(t, SHARED_COMMANDS) },
        ],
      },
    ],
    composeExtensions: [{ botId: PLACEHOLDERS.botId, commands: extensionCommands(t) }],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [],
  };
}

/** Builds the French localization file: every translatable manifest string, keyed by its JSON path. */
export function buildFrenchLocalization(): Record<string, string> {
  const t = translator('fr');
  const strings: Record<string, string> = {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`,
    'name.short': t('teams.manifest.shortName'),
    'name.full': t('teams.manifest.fullName'),
    'description.short': t('teams.manifest.shortDescription'),
    'description.full': t('teams.manifest.fullDescription'),
  };
  [PERSONAL_COMMANDS, SHARED_COMMANDS].forEach((verbs, list) => {
    commandList(t, verbs).forEach((command, index) => {
      strings[`bots[0].commandLists[${list}].commands[${index}].title`] = command.title;
      strings[`bots[0].commandLists[${list}].commands[${index}].description`] = command.description;
    });
  });
  extensionCommands(t).forEach((command, index) => {
    strings[`composeExtensions[0].commands[${index}].title`] = command.title;
    strings[`composeExtensions[0].commands[${index}].description`] = command.description;
  });
  return strings;
}

export interface ManifestValues {
  appId: string;
  botId: string;
  websiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
}

/** Replaces the placeholders of a template (manifest or localization) with real values. */
export function fillPlaceholders(template: string, values: ManifestValues): string {
  let text = template;
  for (const [key, placeholder] of Object.entries(PLACEHOLDERS)) text = text.split(placeholder).join(values[key as keyof ManifestValues]);
  return text;
}

/** Length problems of the manifest's strings, in every language; empty when it fits the schema. */
export function checkLimits(manifest: Manifest, localization: Record<string, string>): string[] {
  const problems: string[] = [];
  const check = (label: string, value: unknown, max: number) => {
    if (typeof value !== 'string' || value.length === 0 || value.length > max) problems.push(`${label} must have 1 to ${max} characters (has ${String(value).length})`);
  };
  const name = manifest.name as { short: string; full: string };
  const description = manifest.description as { short: string; full: string };
  check('name.short', name.short, LIMITS.shortName);
  check('name.full', name.full, LIMITS.fullName);
  check('description.short', description.short, LIMITS.shortDescription);
  check('description.full', description.full, LIMITS.fullDescription);
  for (const [key, value] of Object.entries(localization)) {
    if (key === '$schema') continue;
    let max = LIMITS[keyLimit(key)];
    if (key.includes('commands[')) max = key.endsWith('.title') ? LIMITS.commandTitle : LIMITS.commandDescription;
    check(`fr-fr ${key}`, value, max);
  }
  for (const bot of manifest.bots as Array<{ commandLists: Array<{ commands: Array<{ title: string; description: string }> }> }>) {
    for (const list of bot.commandLists) {
      if (list.commands.length > LIMITS.botCommands) problems.push(`a bot command list has more than ${LIMITS.botCommands} commands`);
      for (const command of list.commands) {
        check(`bot command ${command.title}`, command.title, LIMITS.commandTitle);
        check(`bot command ${command.title} description`, command.description, LIMITS.commandDescription);
      }
    }
  }
  for (const extension of manifest.composeExtensions as Array<{ commands: Array<{ id: string; title: string; description: string }> }>) {
    if (extension.commands.length > LIMITS.extensionCommands) problems.push(`a message extension has more than ${LIMITS.extensionCommands} commands`);
    for (const command of extension.commands) {
      check(`extension command id ${command.id}`, command.id, LIMITS.commandId);
      check(`extension command ${command.id} title`, command.title, LIMITS.commandTitle);
      check(`extension command ${command.id} description`, command.description, LIMITS.commandDescription);
    }
  }
  return problems;
}

function keyLimit(key: string): 'shortName' | 'fullName' | 'shortDescription' | 'fullDescription' {
  if (key === 'name.short') return 'shortName';
  if (key === 'name.full') return 'fullName';
  if (key === 'description.short') return 'shortDescription';
  return 'fullDescription';
}
