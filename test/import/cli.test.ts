// `o2o import` end to end: the real CLI in a child process, on an embedded database in a
// temporary folder, in English and French.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { temporaryFolder } from './helpers.js';

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const files = temporaryFolder();
afterAll(() => files.remove());

const CSV = [
  'compte;nom;fonction;e-mail;ref;ref_manager',
  'Société Générale;Hélène Lefèvre;Directrice des achats;helene.lefevre@socgen.example;SG-1;',
  'Société Générale;Paul Martin;Acheteur;paul.martin@socgen.example;SG-2;SG-1',
  'Société Générale;Jeanne Petit;Acheteuse;pas-une-adresse;SG-3;SG-1',
  '',
].join('\r\n');

/** Runs the CLI with its own data folder; returns its output and exit code. */
async function o2o(dataDir: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, O2O_DATA_DIR: dataDir, LOG_LEVEL: 'silent', LANG: 'C' };
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: projectRoot, env, timeout: 120_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

// Each run starts a process and opens an on-disk database, which takes seconds on a busy machine.
describe('o2o import', { timeout: 180_000 }, () => {
  const file = files.file('contacts.csv', CSV);
  const dataDir = path.join(files.folder, 'data');

  it('prints the summary in English', async () => {
    const { stdout, stderr, code } = await o2o(dataDir, 'import', file);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Imported contacts.csv (o2o CSV, 3 rows).');
    expect(stdout).toMatch(/Created │ Updated │ Unchanged │ Rejected/);
    expect(stdout).toMatch(/Contacts +│ 2 +│ 0 +│ 0 +│ 1 /);
    expect(stdout).toMatch(/Reporting lines +│ 1 +│ 0 +│ 0 +│ +│/);
    expect(stdout).toContain('Line 4: Invalid e-mail: must be an e-mail address such as name@example.com.');
  });

  it('prints the summary in French', async () => {
    const { stdout, code } = await o2o(dataDir, '--lang', 'fr', 'import', file);
    expect(code).toBe(0);
    expect(stdout).toContain('contacts.csv importé (CSV o2o, 3 lignes).');
    expect(stdout).toMatch(/Créés │ Mis à jour │ Inchangés │ Rejetés/);
    expect(stdout).toMatch(/Contacts +│ 0 +│ 0 +│ 2 +│ 1 /);
    expect(stdout).toContain('1 ligne rejetée');
    expect(stdout).toContain('Ligne 4 : Champ « e-mail » invalide : doit être une adresse e-mail comme nom@exemple.fr.');
  });

  it('prints JSON with translated reasons', async () => {
    const { stdout, code } = await o2o(dataDir, '--json', '--lang', 'fr', 'import', file);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ format: 'o2o', rows: 3, created: 0, unchanged: 2, rejected: 1 });
    expect(summary.rejectedRows[0]).toMatchObject({ line: 4, reasonKey: 'validation.invalidField', reason: 'Champ « e-mail » invalide : doit être une adresse e-mail comme nom@exemple.fr.' });
  });

  it('explains a missing file in French', async () => {
    const { stdout, stderr, code } = await o2o(dataDir, '--lang', 'fr', 'import', path.join(files.folder, 'absent.csv'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('introuvable. Vérifiez le chemin et réessayez.');
  });
});
