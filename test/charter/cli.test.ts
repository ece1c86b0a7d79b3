// The personal-data commands end to end: `npx tsx src/cli/main.ts …` on a PGlite data folder, in
// English and French: export (text, JSON file), the erasure's confirmation and the erasure.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureTenant } from '../../src/app/tenants.js';
import { openMigratedStore } from '../../src/store/database.js';
import { addAccount, addContact, addMember, addRelationship } from './helpers.js';
import { CLI_TIMEOUT, runCli } from '../helpers/cli.js';



describe('personal-data commands', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'o2o-cli-charter-'));
    const store = await openMigratedStore({ dataDir });
    try {
      const { id: tenantId } = await ensureTenant(store.db, 'local:default', { name: 'o2o' });
      const olga = await addMember(store, tenantId, 'Olga Owner', { email: 'olga@seller.example' });
      await addMember(store, tenantId, 'Ada Admin', { email: 'ada@seller.example' });
      const account = await addAccount(store, tenantId, 'Initech');
      const peter = await addContact(store, tenantId, account, 'Peter Gibbons', { email: 'peter@initech.example' });
      await addRelationship(store, tenantId, olga, peter, 'private', { note: 'Likes fishing' });
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const o2o = (...args: string[]) => runCli(dataDir, args, { O2O_ADMINS: 'ada@seller.example' });

  it('exports a contact as readable text', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--as', 'ada@seller.example', 'contact', 'export', 'Peter', 'Gibbons');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Everything o2o holds about Peter Gibbons');
    expect(run.stdout).toContain('E-mail: peter@initech.example');
    expect(run.stdout).toMatch(/Olga Owner: working relationship, work, last contact —, visibility: private\n\s+Note: Likes fishing/);
  });

  it('writes the export as JSON, in French', { timeout: CLI_TIMEOUT }, async () => {
    const file = path.join(dataDir, 'peter.json');
    const run = await o2o('--lang', 'fr', 'contact', 'export', 'Peter Gibbons', '--out', file);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`Export concernant Peter Gibbons écrit dans ${file}.`);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data.person).toMatchObject({ name: 'Peter Gibbons', email: 'peter@initech.example', account: 'Initech' });
    expect(data.relationships[0]).toMatchObject({ member: 'Olga Owner', visibility: 'private', note: 'Likes fishing' });
  });

  it('reads my relationships page N', { timeout: CLI_TIMEOUT * 3 }, async () => {
    const byWords = await o2o('--as', 'olga@seller.example', 'my', 'relationships', 'page', '1');
    expect(byWords.stderr).toBe('');
    expect(byWords.code).toBe(0);
    expect(byWords.stdout).toContain('Peter Gibbons');
    const byOption = await o2o('--as', 'olga@seller.example', 'my', 'relationships', '--page', '1');
    expect(byOption.stdout).toBe(byWords.stdout);
    const zero = await o2o('--as', 'olga@seller.example', 'my', 'relationships', 'page', '0');
    expect(zero.code).toBe(1);
    expect(zero.stderr.trim()).toBe("'0' is not a page number. Give a whole number from 1, such as --page 2.");
  });

  it('refuses members who are not admins', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--as', 'olga@seller.example', 'contact', 'export', 'Peter Gibbons');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe('Only an o2o admin can do that. Ask an admin (set in O2O_ADMINS, or a workspace admin).');
  });

  it('asks for --yes before erasing, in French', { timeout: CLI_TIMEOUT }, async () => {
    const run = await o2o('--lang', 'fr', 'contact', 'erase', 'Peter Gibbons');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Effacer Peter Gibbons est définitif. Relancez la commande avec --yes pour confirmer l’effacement.');
  });

  it('erases a contact, then finds nothing', { timeout: CLI_TIMEOUT * 2 }, async () => {
    const run = await o2o('--as', 'Ada Admin', 'contact', 'erase', 'Peter Gibbons', '--yes');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(
      'Erased Peter Gibbons. Relationships deleted: 1; interactions deleted: 0; shared interactions whose note was cleared: 0; other notes naming them cleared: 0; stored messages deleted: 0; digest snapshots deleted: 0; map pictures deleted: 0. The audit log keeps ids only.',
    );
    const after = await o2o('--lang', 'fr', 'contact', 'export', 'Peter Gibbons');
    expect(after.code).toBe(1);
    // Peter was the only contact, so the message also says how to add some.
    expect(after.stderr.trim()).toBe(
      'Aucun contact ne correspond à « Peter Gibbons » : il n’y a encore aucun contact. Chargez les données d’exemple avec o2o demo, ou importez un fichier avec o2o import FICHIER.',
    );

    const audit = await o2o('--json', 'audit', '--action', 'contact');
    expect(audit.code).toBe(0);
    const rows = JSON.parse(audit.stdout);
    expect(JSON.stringify(rows)).toContain('contact.erase');
    expect(audit.stdout).not.toContain('Peter');
  });
});
