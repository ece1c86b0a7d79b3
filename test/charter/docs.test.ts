// The charter documents carry the text o2o shows: the same version and every section, in both
// languages.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { CHARTER_TEXT_VERSION } from '../../src/app/charter/settings.js';
import { translator } from '../../src/i18n/index.js';

const SECTIONS = ['purpose', 'ownership', 'visibility', 'hidden', 'acceptance', 'people', 'accountability', 'leaving'];

describe.each([
  ['en', 'docs/charter.md', 'Version'],
  ['fr', 'docs/charter.fr.md', 'Version'],
] as const)('charter document in %s', (locale, file, versionWord) => {
  const text = readFileSync(file, 'utf8');
  const t = translator(locale);

  it('has the text version o2o shows', () => {
    expect(text).toContain(`${versionWord} ${CHARTER_TEXT_VERSION}.`);
  });

  it.each(SECTIONS)('has the %s section', (section) => {
    expect(text).toContain(`## ${t(`charter.text.sections.${section}.title`)}`);
  });

  it('states each wording of the settings', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const key of ['hidden.nothing', 'hidden.existence', 'acceptance.optional', 'acceptance.required']) {
      const sentence = (t(`charter.text.${key}`) as string).split(': ').at(-1)!.replace(/`/g, '');
      expect(flat.replace(/`/g, '').toLowerCase(), key).toContain(sentence.slice(0, 60).toLowerCase());
    }
  });
});
