// The query commands end to end: `npx tsx src/cli/main.ts …` against a PGlite data folder that
// holds the Acme graph (see acme-graph.ts), in English and French.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureTenant } from '../../src/app/tenants.js';
import { openMigratedStore } from '../../src/store/database.js';
import { buildAcmeGraph } from './acme-graph.js';
import { CLI_TIMEOUT, runCli } from '../helpers/cli.js';



describe('query commands', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'o2o-cli-queries-'));
    const store = await openMigratedStore({ dataDir });
    try {
      const tenant = await ensureTenant(store.db, 'local:default', { name: 'o2o' });
      // Dates count back from today, since the command line reads the real clock.
      await buildAcmeGraph(store, tenant.id, new Date());
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const o2o = (...args: string[]) => runCli(dataDir, args);

  it('suggests the account on a typo', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('who', 'Acme Enrgy');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe("No account matches 'Acme Enrgy'. Did you mean 'Acme Energy'?");
    expect(run.stdout).toBe('');
  });

  it('suggests the account in French', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--lang', 'fr', 'who', 'Acme Enrgy');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Aucun compte ne correspond à « Acme Enrgy ». Vouliez-vous dire « Acme Energy » ?');
  });

  it('prints who knows whom as a table', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--as', 'helene@northwind.example', 'who', 'Acme', 'Energy', '--limit', '2');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Who knows whom at Acme Energy');
    expect(run.stdout).toContain('3 of 7 contacts are known to our team. 4 contacts are known to nobody on our team yet.');
    expect(run.stdout).toMatch(/│ Freya Robert\s+│ VP Trading\s+│ Hélène Caron \(strong, 2 weeks ago\);/);
    expect(run.stdout).toContain('→ Show more (o2o who "Acme Energy" --offset 2 --limit 2)');
  });

  it('prints French', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('who', 'Acme Energy', '--lang', 'fr', '--as', 'Hélène Caron', '--offset', '2', '--limit', '2');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Qui connaît qui chez Acme Energy');
    expect(run.stdout).toContain('Zoé Martin');
    expect(run.stdout).toContain('Yann Le Gall (relation de travail, il y a 7 jours)');
    expect(run.stdout).toContain('3 à 3 sur 3.');
  });

  it('prints the result object with --json', { timeout: CLI_TIMEOUT }, async () => {
    // Without --as the viewer is anonymous: only relationships shared with everyone count.
    const run = await o2o('--json', 'who', 'Acme Energy');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.totalContacts).toBe(7);
    expect(result.unknownCount).toBe(5);
    expect(result.contacts.map((entry: { contact: { label: string } }) => entry.contact.label)).toEqual(['Freya Robert', 'Zoé Martin']);
  });

  it('shows a private relationship to its owner with --as', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--as', 'Siobhan Kelly', 'who-knows', 'Olivia', 'Rousseau', '--account', 'Acme Energy');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Who knows Olivia Rousseau');
    expect(run.stdout).toMatch(/│ Siobhan Kelly\s+│ trusted\s+│ no date on record\s+│ private/);
  });

  it('prints introduction paths in French', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--lang', 'fr', 'reach', 'Nina Petit');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Comment joindre Nina Petit');
    expect(run.stdout).toContain('Hélène Caron connaît Freya Robert (relation forte, il y a 2 semaines), qui dirige Théo Nguyen, qui dirige Nina Petit');
  });

  it('lists whom a member knows and the contacts of an account', { timeout: CLI_TIMEOUT }, async () => {
    const whom = await o2o('whom', 'marc@northwind.example');
    expect(whom.code).toBe(0);
    expect(whom.stdout).toContain('Whom Marc Lemaire knows');
    expect(whom.stdout).toMatch(/│ Freya Robert\s+│ Acme Energy\s+│ VP Trading\s+│ acquainted\s+│ 12 months ago/);
    const contacts = await o2o('contacts', 'Acme Energy', '--limit', '3');
    expect(contacts.code).toBe(0);
    expect(contacts.stdout).toMatch(/│ Ana Costa \(has left\)\s+│ Director\s+│ Olivia Rousseau\s+│ 1 person/);
    expect(contacts.stdout).toContain('→ Show more (o2o contacts "Acme Energy" --offset 3 --limit 3)');
  });

  it('rejects a limit that is not a number', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('who', 'Acme Energy', '--limit', 'ten');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe("'ten' is not a whole number. Give a number such as 10.");
  });

  it('rejects a limit out of range in French', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--lang', 'fr', 'contacts', 'Acme Energy', '--limit', '500');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('--limit doit être un nombre entier de 1 à 50, et non 500.');
  });

  it('rejects --limit 0 naming the option', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('who', 'Acme Energy', '--limit', '0');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('--limit must be a whole number from 1 to 50, not 0.');
  });

  it('rejects --max-hops out of range', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('reach', 'Freya Robert', '--max-hops', '9');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('--max-hops must be a whole number from 1 to 3, not 9.');
  });

  it('prints help settings as settings --help', { timeout: CLI_TIMEOUT * 2 }, async () => {
    const viaHelp = await o2o('help', 'settings');
    const viaOption = await o2o('settings', '--help');
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stderr).toBe('');
    expect(viaHelp.stdout).toContain('Usage: o2o settings');
    expect(viaHelp.stdout).toBe(viaOption.stdout);
  });

  it('prints help of a command in French', { timeout: CLI_TIMEOUT * 2 }, async () => {
    const viaHelp = await o2o('--lang', 'fr', 'help', 'reach');
    const viaOption = await o2o('--lang', 'fr', 'reach', '--help');
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain('Utilisation :');
    expect(viaHelp.stdout).toBe(viaOption.stdout);
  });

  it('describes the my command', { timeout: CLI_TIMEOUT * 2 }, async () => {
    const english = await o2o('--help');
    const french = await o2o('--lang', 'fr', '--help');
    expect(english.stdout).toMatch(/^ {2}my {10,}your own data: my relationships lists/m);
    expect(french.stdout).toMatch(/^ {2}my {10,}consulter vos propres données : my relationships liste/m);
    expect(english.stdout).toMatch(/^ {2}help \[command\] +show help for a command/m);
  });

  it('names a bad visibility with the command-line form', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--as', 'Marc Lemaire', 'visibility', 'Freya Robert', 'public');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      "'public' is not a visibility. Use private, deal_team or tenant, as in o2o visibility PERSON private --account ACCOUNT (--account only when several people share the name).",
    );
  });

  it('lists the accepted forms of audit --since', { timeout: CLI_TIMEOUT * 2 }, async () => {
    const english = await o2o('audit', '--since', 'yesterday');
    const french = await o2o('--lang', 'fr', 'audit', '--since', 'yesterday');
    expect(english.code).toBe(1);
    expect(english.stderr.trim()).toBe("'yesterday' is not a date. Write YYYY-MM-DD, or a number of days such as 30d.");
    expect(french.stderr.trim()).toBe('« yesterday » n’est pas une date. Écrivez AAAA-MM-JJ, ou un nombre de jours comme 30d.');
  });

  it('rejects audit --limit 0 naming the option', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('audit', '--limit', '0');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('--limit must be a whole number from 1 to 500, not 0.');
  });

  it('prints usage errors in English', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('whoo');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe("error: unknown command 'whoo'\n(Did you mean one of who, whom?)\n(run o2o --help to list the commands)");
  });

  it('prints usage errors in French from LANG', { timeout: CLI_TIMEOUT * 3 }, async () => {
    const french = (...args: string[]) => runCli(dataDir, args, { LANG: 'fr_FR.UTF-8' });
    const unknownCommand = await french('whoo');
    expect(unknownCommand.stderr.trim()).toBe('erreur : commande inconnue « whoo »\n(Vouliez-vous dire l’une de ces options : who, whom ?)\n(lancez o2o --help pour la liste des commandes)');
    const unknownOption = await french('who', 'Acme', '--limt', '3');
    expect(unknownOption.stderr.trim()).toBe('erreur : option inconnue « --limt »\n(Vouliez-vous dire --limit ?)\n(lancez o2o --help pour la liste des commandes)');
    const missing = await french('who');
    expect(missing.stderr.trim()).toBe('erreur : l’argument obligatoire « account » manque\n(lancez o2o --help pour la liste des commandes)');
  });

  it('prints the help headings in French from LANG', { timeout: CLI_TIMEOUT }, async () => {
    const run = await runCli(dataDir, ['--help'], { LANG: 'fr_FR.UTF-8' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Utilisation : o2o /);
    expect(run.stdout).toContain('Options :');
    expect(run.stdout).toContain('Commandes :');
    expect(run.stdout).toContain('(valeurs possibles : "en", "fr")');
    expect(run.stdout).not.toMatch(/Usage:|Commands:|choices:/);
  });

  it('prints help in French', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--lang', 'fr', 'reach', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Utilisation :');
    expect(run.stdout).toContain('trouver les meilleurs chemins de mise en relation');
    expect(run.stdout).toContain('longueur maximale des chemins');
  });
});

describe('query commands on an empty store', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'o2o-cli-empty-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('points to the demo and import', { timeout: CLI_TIMEOUT }, async () => {
    const run = await runCli(dataDir, ['who', 'Acme']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe("No account matches 'Acme': there are no accounts yet. Load the example data with o2o demo, or import a file with o2o import FILE.");
  });

  it('points to the demo and import in French', { timeout: CLI_TIMEOUT * 2 }, async () => {
    const contact = await runCli(dataDir, ['--lang', 'fr', 'reach', 'Hugo']);
    const member = await runCli(dataDir, ['--lang', 'fr', 'whom', 'Bob']);
    expect(contact.stderr.trim()).toBe(
      'Aucun contact ne correspond à « Hugo » : il n’y a encore aucun contact. Chargez les données d’exemple avec o2o demo, ou importez un fichier avec o2o import FICHIER.',
    );
    expect(member.stderr.trim()).toBe(
      'Aucun membre de l’équipe ne correspond à « Bob » : l’équipe n’a encore aucun membre. Chargez les données d’exemple avec o2o demo, ou importez un fichier de relations avec o2o import FICHIER.',
    );
  });
});
