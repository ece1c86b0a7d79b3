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
    expect(run.stderr.trim()).toBe("Aucun compte ne correspond à « Acme Enrgy ». Vouliez-vous dire 'Acme Energy' ?");
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
    expect(run.stderr.trim()).toBe('nombre de lignes invalide : doit valoir au plus 50.');
  });

  it('prints help in French', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--lang', 'fr', 'reach', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Utilisation :');
    expect(run.stdout).toContain('trouver les meilleurs chemins de mise en relation');
    expect(run.stdout).toContain('longueur maximale des chemins');
  });
});
