import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

import AdmZip from 'adm-zip';
import { describe, expect, it } from 'vitest';

import { buildPackage, manifestValues, TEMPLATE_DIR, templateFiles } from '../../src/teams/package/build-package.js';
import { checkLimits } from '../../src/teams/package/manifest.js';

const APP_ID = '3f2b6f4e-1c1d-4c7a-9d5e-5b1f0c2a7e11';
const values = { appId: APP_ID, botId: APP_ID, websiteUrl: 'https://o2o.example', privacyUrl: 'https://o2o.example/privacy', termsUrl: 'https://o2o.example/terms' };

function committed(name: string): Buffer {
  return readFileSync(path.join(TEMPLATE_DIR, name));
}

/** Width, height and RGBA pixels of a PNG written with filter type 0 on every row. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const parts: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT') parts.push(png.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  const rows = inflateSync(Buffer.concat(parts));
  const pixels = Buffer.alloc(width * height * 4);
  for (let row = 0; row < height; row++) {
    expect(rows[row * (width * 4 + 1)]).toBe(0);
    rows.copy(pixels, row * width * 4, row * (width * 4 + 1) + 1, (row + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

describe('Teams app manifest', () => {
  const manifest = JSON.parse(committed('manifest.json').toString('utf8'));
  const localization = JSON.parse(committed('fr-fr.json').toString('utf8'));

  it('matches what the catalogues produce', () => {
    const expected = templateFiles();
    for (const name of ['manifest.json', 'fr-fr.json', 'color.png', 'outline.png']) {
      expect(committed(name).equals(expected[name]!), `${name} is out of date: run npm run teams:package -- --update`).toBe(true);
    }
  });

  it('uses a current schema version', () => {
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    expect(manifest.$schema).toContain(`v${manifest.manifestVersion}/`);
  });

  it('fits the schema limits in both languages', () => {
    expect(checkLimits(manifest, localization)).toEqual([]);
  });

  it('detects a title over the limit', () => {
    const tooLong = structuredClone(manifest);
    tooLong.composeExtensions[0].commands[0].title = 'x'.repeat(33);
    expect(checkLimits(tooLong, localization)).toHaveLength(1);
  });

  it('declares the two message actions', () => {
    const commands = manifest.composeExtensions[0].commands;
    expect(commands.map((command: any) => command.id)).toEqual(['logInteraction', 'addContact']);
    for (const command of commands) {
      expect(command.type).toBe('action');
      expect(command.fetchTask).toBe(true);
      expect(command.context).toContain('message');
    }
  });

  it('lists bot commands for personal and shared scopes', () => {
    const lists = manifest.bots[0].commandLists;
    expect(lists[0].scopes).toEqual(['personal']);
    expect(lists[1].scopes).toEqual(['team', 'groupChat']);
    expect(lists[0].commands.map((command: any) => command.title)).toContain('who');
  });

  it('offers digests in channels and asks everywhere', () => {
    const [personal, shared] = manifest.bots[0].commandLists.map((list: any) => list.commands.map((command: any) => command.title));
    expect(shared).toContain('digest');
    expect(personal).not.toContain('digest');
    expect(shared).toContain('ask');
    expect(personal).toContain('ask');
  });

  it('translates every string into French', () => {
    expect(localization['name.full']).toBe('o2o : qui connaît qui chez vos clients');
    expect(localization['composeExtensions[0].commands[0].title']).toBe('Consigner l’échange');
  });

  it('has a 192-pixel opaque colour icon', () => {
    const { width, height, pixels } = decodePng(committed('color.png'));
    expect([width, height]).toEqual([192, 192]);
    for (let index = 3; index < pixels.length; index += 4) expect(pixels[index]).toBe(255);
  });

  it('has a 32-pixel white outline icon on transparency', () => {
    const { width, height, pixels } = decodePng(committed('outline.png'));
    expect([width, height]).toEqual([32, 32]);
    let drawn = 0;
    for (let index = 0; index < pixels.length; index += 4) {
      if (pixels[index + 3] === 0) continue;
      drawn++;
      expect([pixels[index], pixels[index + 1], pixels[index + 2]]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(50);
  });
});

describe('teams:package', () => {
  it('zips the filled manifest with its icons', () => {
    const zip = new AdmZip(buildPackage(TEMPLATE_DIR, values));
    expect(zip.getEntries().map((entry) => entry.entryName).sort()).toEqual(['color.png', 'fr-fr.json', 'manifest.json', 'outline.png']);
    const manifest = zip.readAsText('manifest.json');
    expect(manifest).not.toContain('${{');
    const parsed = JSON.parse(manifest);
    expect(parsed.id).toBe(APP_ID);
    expect(parsed.bots[0].botId).toBe(APP_ID);
    expect(parsed.developer.privacyUrl).toBe('https://o2o.example/privacy');
  });

  it('takes the Teams app id apart from the bot id', () => {
    const read = manifestValues({ MicrosoftAppId: APP_ID, TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555', TEAMS_WEBSITE_URL: 'https://o2o.example' }, () => undefined);
    expect(read.appId).toBe('11111111-2222-4333-8444-555555555555');
    expect(read.botId).toBe(APP_ID);
  });

  it('warns and uses a placeholder without an app id', () => {
    const warnings: string[] = [];
    const read = manifestValues({}, (text) => warnings.push(text));
    expect(read.botId).toBe('00000000-0000-0000-0000-000000000000');
    expect(warnings[0]).toContain('MicrosoftAppId is not set');
  });

  it('rejects a developer URL that is not https', () => {
    expect(() => manifestValues({ TEAMS_WEBSITE_URL: 'http://o2o.example' }, () => undefined)).toThrow(/https/);
  });
});
