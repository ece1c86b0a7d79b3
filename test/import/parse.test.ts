// Reading import files: format detection, column mapping, delimiters, encodings, preambles and
// line numbers. No database involved.
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';

import { detectDelimiter } from '../../src/app/import/csv-rows.js';
import { AppError } from '../../src/app/errors.js';
import { parseDayMonthYear } from '../../src/app/import/vocabulary.js';
import { fixture, readItems, temporaryFolder } from './helpers.js';

const files = temporaryFolder();
afterAll(() => files.remove());

const MEMBER_ID = '00000000-0000-4000-8000-000000000001';

describe('format detection', () => {
  it.each([
    ['salesforce.csv', 'salesforce'],
    ['hubspot.csv', 'hubspot'],
    ['hubspot-associated.csv', 'hubspot'],
    ['linkedin.csv', 'linkedin'],
    ['outlook.csv', 'outlook'],
    ['outlook-web.csv', 'outlook-web'],
    ['google.csv', 'google'],
    ['google-legacy.csv', 'google-legacy'],
    ['o2o.csv', 'o2o'],
  ])('%s reads as %s', async (name, format) => {
    const { format: detected } = await readItems(fixture(name));
    expect(detected).toBe(format);
  });

  it('rejects an unknown header with its columns', async () => {
    const file = files.file('unknown.csv', 'colour,size\nred,L\n');
    const error = await readItems(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).messageKey).toBe('import.errors.unknownFormat');
    expect((error as AppError).params.header).toBe('colour, size');
  });

  it('rejects a forced format that does not match', async () => {
    const error = await readItems(fixture('hubspot.csv'), { format: 'linkedin' }).catch((caught: unknown) => caught);
    expect((error as AppError).messageKey).toBe('import.errors.formatMismatch');
  });

  it('rejects an empty file', async () => {
    const error = await readItems(files.file('empty.csv', '')).catch((caught: unknown) => caught);
    expect((error as AppError).messageKey).toBe('import.errors.emptyFile');
  });

  it('reports a missing file', async () => {
    const error = await readItems(files.file('x.csv', '') + '.missing').catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('not_found');
    expect((error as AppError).messageKey).toBe('import.errors.fileNotFound');
  });
});

describe('column mapping', () => {
  it('maps Salesforce API fields', async () => {
    const { records, issues } = await readItems(fixture('salesforce.csv'));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      line: 2,
      name: 'Céline Garnier',
      title: 'Chief Procurement Officer',
      department: 'Procurement',
      email: 'celine.garnier@initech.example',
      phone: '+33 1 40 00 00 01',
      externalRef: '0035g00000AbCdEAA1',
    });
    expect(records[0]!.account).toBeUndefined();
    expect(records[1]).toMatchObject({ phone: '+44 7700 900001', managerRef: '0035g00000AbCdEAA1' });
    expect(issues).toEqual([{ line: 4, reasonKey: 'import.reason.deletedRecord' }]);
  });

  it('maps HubSpot owners to inferred relationships', async () => {
    const { records } = await readItems(fixture('hubspot.csv'));
    expect(records[0]).toMatchObject({ account: 'Umbrella Logistics', name: 'Ingrid Solberg', title: 'Head of IT', externalRef: '51', phone: '+47 22 00 00 01' });
    expect(records[0]!.relationships).toEqual([{ member: 'Hélène Caron', strength: 2, inferred: true, onUnknownMember: 'warn' }]);
    expect(records[2]!.relationships?.[0]?.member).toBe('marc.lemaire@northwind.example');
  });

  it('reads the HubSpot associated company', async () => {
    const { records } = await readItems(fixture('hubspot-associated.csv'));
    expect(records[0]).toMatchObject({ account: 'Stark Components', name: 'Lena Vogel', externalRef: '901' });
    expect(records[0]!.relationships).toBeUndefined();
  });

  it('skips the LinkedIn preamble and counts its lines', async () => {
    const { records, notices } = await readItems(fixture('linkedin.csv'));
    expect(records.map((record) => record.line)).toEqual([5, 6, 7]);
    expect(records[0]).toMatchObject({ account: 'Wayne Analytics', name: 'Noor Haddad', title: 'VP Data, Platform & Tools', profileUrl: 'https://www.linkedin.com/in/noor-haddad-example' });
    expect(records[0]!.email).toBeUndefined();
    expect(records[0]!.relationships).toBeUndefined();
    expect(notices).toEqual(['import.notice.contactsOnly']);
  });

  it('turns LinkedIn connections into the member’s relationships', async () => {
    const { records, notices } = await readItems(fixture('linkedin.csv'), { actorMemberId: MEMBER_ID });
    expect(notices).toEqual([]);
    expect(records[0]!.relationships).toEqual([{ memberId: MEMBER_ID, strength: 1, kind: 'work', lastContactOn: '2024-03-12', inferred: true }]);
    expect(records[1]!.relationships?.[0]?.lastContactOn).toBe('2023-01-03');
  });

  it('maps Outlook columns', async () => {
    const { records } = await readItems(fixture('outlook.csv'));
    expect(records[0]).toMatchObject({
      line: 2,
      account: 'Cyberdyne Systems',
      name: 'Giulia Maria Conti',
      title: 'Director of Operations',
      department: 'Operations',
      email: 'giulia.conti@cyberdyne.example',
      phone: '+39 02 0000 0001',
      profileUrl: 'https://www.cyberdyne.example/people/giulia',
    });
    expect(records[1]).toMatchObject({ line: 3, name: 'Tariq Aziz', phone: '+39 02 0000 0002' });
  });

  it('maps Outlook.com columns', async () => {
    const { records } = await readItems(fixture('outlook-web.csv'));
    expect(records[0]).toMatchObject({ account: 'Soylent Foods', name: 'Maeve Byrne', title: 'Head of Legal', email: 'maeve.byrne@soylent.example', phone: '+353 1 000 0001' });
  });

  it('maps Google Contacts columns', async () => {
    const { records } = await readItems(fixture('google.csv'));
    expect(records[0]).toMatchObject({
      account: 'Tyrell Biotech',
      name: 'Hamid Rahimi',
      title: 'Research Director',
      department: 'R&D',
      email: 'hamid.rahimi@tyrell.example',
      phone: '+1 555 0101',
      profileUrl: 'https://tyrell.example/hamid',
    });
  });

  it('maps legacy Google Contacts columns', async () => {
    const { records } = await readItems(fixture('google-legacy.csv'));
    expect(records[0]).toMatchObject({ account: 'Oscorp Brasil', name: 'Beatriz Santos', title: 'Finance Director', email: 'beatriz.santos@oscorp.example', phone: '+55 11 9000 0001' });
  });
});

describe('o2o format', () => {
  it('numbers rows by their first physical line', async () => {
    const { records, issues } = await readItems(fixture('o2o.csv'));
    expect(records.map((record) => record.line)).toEqual([2, 4, 6, 7, 10, 11, 12, 13]);
    expect(issues).toEqual([{ line: 5, reasonKey: 'import.reason.invalidValue', params: { column: 'strength', value: '9', options: '1, 2, 3, 4, 5' } }]);
  });

  it('keeps line breaks inside quoted fields', async () => {
    const { records } = await readItems(fixture('o2o.csv'));
    expect(records[0]!.relationships?.[0]?.note).toBe('Two-line\nnote');
    expect(records[3]!.title).toBe('Analyst,\nPlanning\nTeam');
  });

  it('reads French headers with semicolons', async () => {
    const file = files.file('fr.csv', 'compte;prénom;nom;fonction;e-mail;ref;ref_manager;membre;force;dernier_contact;visibilité;nature\nGlobex;Samuel;Okafor;Directeur financier;samuel@globex.example;GX-2;GX-1;dominique.fabre@northwind.example;3;2026-09-03;équipe;ancien collègue\n');
    const { format, records } = await readItems(file);
    expect(format).toBe('o2o');
    expect(records[0]).toMatchObject({ account: 'Globex', name: 'Samuel Okafor', title: 'Directeur financier', email: 'samuel@globex.example', externalRef: 'GX-2', managerRef: 'GX-1' });
    expect(records[0]!.relationships).toEqual([
      { member: 'dominique.fabre@northwind.example', strength: 3, kind: 'former_colleague', lastContactOn: '2026-09-03', visibility: 'tenant' },
    ]);
  });

  it('reads tab-separated files', async () => {
    const file = files.file('tab.tsv', 'account\tname\ttitle\nGlobex\tRuth Adler\tCOO\n');
    const { records } = await readItems(file);
    expect(records[0]).toMatchObject({ line: 2, account: 'Globex', name: 'Ruth Adler', title: 'COO' });
  });

  it('strips a UTF-8 byte order mark', async () => {
    const file = files.file('bom.csv', '\uFEFFaccount,name\r\nGlobex,Zoé Roux\r\n');
    const { encoding, records } = await readItems(file);
    expect(encoding).toBe('utf-8');
    expect(records[0]).toMatchObject({ line: 2, account: 'Globex', name: 'Zoé Roux' });
  });

  it('decodes Windows-1252 bytes', async () => {
    const file = files.file('cp1252.csv', iconv.encode('compte;nom;fonction\r\nSociété Générale;Hélène Lefèvre;Directrice des achats\r\n', 'windows-1252'));
    const { encoding, records } = await readItems(file);
    expect(encoding).toBe('windows-1252');
    expect(records[0]).toMatchObject({ account: 'Société Générale', name: 'Hélène Lefèvre', title: 'Directrice des achats' });
  });

  it('decodes UTF-16 with a byte order mark', async () => {
    const file = files.file('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('account\tname\nGlobex\tÅsa Berg\n', 'utf-16le')]));
    const { encoding, records } = await readItems(file);
    expect(encoding).toBe('utf-16le');
    expect(records[0]).toMatchObject({ account: 'Globex', name: 'Åsa Berg' });
  });

  it('reads status and left_on', async () => {
    const file = files.file('status.csv', 'account,name,statut,date_depart\nGlobex,Ann Lee,partie,2026-06-30\nGlobex,Bob Ray,retired,\n');
    const { records, issues } = await readItems(file);
    expect(records[0]).toMatchObject({ status: 'left', leftOn: '2026-06-30' });
    expect(issues[0]).toMatchObject({ line: 3, reasonKey: 'import.reason.invalidValue', params: { column: 'statut', value: 'retired' } });
  });

  it('rejects a member without strength', async () => {
    const file = files.file('member.csv', 'account,name,member\nGlobex,Ann Lee,helene.caron@northwind.example\n');
    const { issues } = await readItems(file);
    expect(issues).toEqual([{ line: 2, reasonKey: 'import.reason.strengthMissing', params: { column: 'strength' } }]);
  });

  it('reports an unclosed quote with its line', async () => {
    const file = files.file('broken.csv', 'account,name,note\nGlobex,Ann Lee,"never closed\nGlobex,Bob Ray,fine\n');
    const error = await readItems(file).catch((caught: unknown) => caught);
    expect((error as AppError).messageKey).toBe('import.errors.csvSyntax');
    expect((error as AppError).params).toEqual({ line: 2 });
  });
});

describe('detectDelimiter', () => {
  it('prefers the delimiter that yields a header', () => {
    const isHeader = (cells: string[]) => cells.includes('name');
    expect(detectDelimiter('Notes:\n"a, b, c, d"\n\nname;title\n', isHeader)).toBe(';');
  });

  it('falls back to the most frequent delimiter', () => {
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a;b,c;d\n')).toBe(';');
    expect(detectDelimiter('single\n')).toBe(',');
  });
});

describe('parseDayMonthYear', () => {
  it('reads LinkedIn dates', () => {
    expect(parseDayMonthYear('12 Mar 2024')).toBe('2024-03-12');
    expect(parseDayMonthYear('3 January 2023')).toBe('2023-01-03');
    expect(parseDayMonthYear('05-Sep-21')).toBe('2021-09-05');
    expect(parseDayMonthYear('2024-02-29')).toBe('2024-02-29');
  });

  it('rejects impossible dates', () => {
    expect(parseDayMonthYear('31 Feb 2024')).toBeUndefined();
    expect(parseDayMonthYear('12 Foo 2024')).toBeUndefined();
    expect(parseDayMonthYear('yesterday')).toBeUndefined();
  });
});
