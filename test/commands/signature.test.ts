import { describe, expect, it } from 'vitest';

import { parseSignature, toPlainText } from '../../src/app/signature.js';

describe('parseSignature', () => {
  it('reads an English e-mail footer', () => {
    const fields = parseSignature(
      [
        'Hi both, the renewal paperwork is attached.',
        '',
        'Best regards,',
        'Olivia Rousseau',
        'VP Trading',
        'Acme Energy',
        'Mobile: +44 7700 900123',
        'olivia.rousseau@acme-energy.example',
      ].join('\n'),
    );
    expect(fields.name).toBe('Olivia Rousseau');
    expect(fields.title).toBe('VP Trading');
    expect(fields.company).toBe('Acme Energy');
    expect(fields.phone).toBe('+44 7700 900123');
    expect(fields.email).toBe('olivia.rousseau@acme-energy.example');
  });

  it('reads a French signature with accents', () => {
    const fields = parseSignature(
      [
        'Bonjour Hélène,',
        'Je vous confirme notre rendez-vous de jeudi.',
        'Bien cordialement,',
        'Théo Nguyen',
        'Directeur des achats',
        'Société Générale',
        'Tél. : 01 42 14 20 00',
        'Portable : 06 12 34 56 78',
      ].join('\n'),
    );
    expect(fields.name).toBe('Théo Nguyen');
    expect(fields.title).toBe('Directeur des achats');
    expect(fields.company).toBe('Société Générale');
    expect(fields.phone).toBe('01 42 14 20 00');
  });

  it('reads a one-line signature with pipes', () => {
    const fields = parseSignature('Freya Robert | Head of Procurement | Northwind Ltd | +33 6 12 34 56 78 | freya@northwind.example');
    expect(fields.name).toBe('Freya Robert');
    expect(fields.title).toBe('Head of Procurement');
    expect(fields.company).toBe('Northwind Ltd');
    expect(fields.phone).toBe('+33 6 12 34 56 78');
    expect(fields.email).toBe('freya@northwind.example');
  });

  it('splits a title and company joined by at', () => {
    const fields = parseSignature('George Girard\nSpecialist Legal at Acme Energy\ngeorge.girard@acme-energy.example');
    expect(fields.name).toBe('George Girard');
    expect(fields.title).toBe('Specialist Legal');
    expect(fields.company).toBe('Acme Energy');
  });

  it('splits a title and company joined by chez', () => {
    const fields = parseSignature('Marie-Claire Dupont-Aignan\nResponsable juridique chez L’Oréal');
    expect(fields.name).toBe('Marie-Claire Dupont-Aignan');
    expect(fields.title).toBe('Responsable juridique');
    expect(fields.company).toBe('L’Oréal');
  });

  it('keeps name particles and apostrophes', () => {
    expect(parseSignature('Jean de La Fontaine\nPartner, Fables & Co').name).toBe('Jean de La Fontaine');
    expect(parseSignature("Sinéad O'Brien\nChief Financial Officer").name).toBe("Sinéad O'Brien");
  });

  it('capitalises names written in capitals', () => {
    expect(parseSignature('DUPONT Marie\nAcheteuse').name).toBe('Dupont Marie');
  });

  it('reads Slack mrkdwn links and emphasis', () => {
    const fields = parseSignature(
      '*Yann Le Gall*\n_Sales Engineer_\n<mailto:yann.le.gall@northwind.example|yann.le.gall@northwind.example>\n<tel:+33612345678|+33 6 12 34 56 78>\n<https://northwind.example|northwind.example>',
    );
    expect(fields.name).toBe('Yann Le Gall');
    expect(fields.title).toBe('Sales Engineer');
    expect(fields.email).toBe('yann.le.gall@northwind.example');
    expect(fields.phone).toBe('+33 6 12 34 56 78');
    expect(fields.website).toBe('https://northwind.example');
  });

  it('guesses the name and company from the address alone', () => {
    const fields = parseSignature('Please write to theo.nguyen@acme-energy.example for the contract.');
    expect(fields.name).toBe('Theo Nguyen');
    expect(fields.company).toBe('Acme Energy');
  });

  it('does not take a company from a webmail domain', () => {
    const fields = parseSignature('marc.lemaire@gmail.com');
    expect(fields.company).toBeUndefined();
    expect(fields.name).toBe('Marc Lemaire');
  });

  it('returns nothing for text without a signature', () => {
    expect(parseSignature('see you tomorrow at 10')).toEqual({});
    expect(parseSignature('')).toEqual({});
  });

  it('prefers a labelled mobile number over a date or fax', () => {
    const fields = parseSignature('Olivia Rousseau\nFax: +44 20 7946 0000\nMeeting on 2026-03-31\nMob: 07700 900 456');
    expect(fields.phone).toBe('07700 900 456');
  });

  it('reads phone numbers with brackets and dots', () => {
    expect(parseSignature('Siobhan Kelly\nT: (020) 7946 0958').phone).toBe('(020) 7946 0958');
    expect(parseSignature('Marc Lemaire\n06.12.34.56.78').phone).toBe('06.12.34.56.78');
  });

  it('takes the signature after the last closing of a long message', () => {
    const body = [
      'Hello team,',
      'Thanks for the call. Here is a summary.',
      '1. Pricing stays as agreed.',
      '2. Legal review by Friday.',
      '3. Kick-off on Monday.',
      'Regards,',
      'Freya Robert',
      'VP Trading',
      'Acme Energy',
    ].join('\n');
    const fields = parseSignature(body);
    expect(fields.name).toBe('Freya Robert');
    expect(fields.title).toBe('VP Trading');
    expect(fields.company).toBe('Acme Energy');
  });

  it('reads a closing on the same line as the name', () => {
    expect(parseSignature('Thanks, Olivia Rousseau').name).toBe('Olivia Rousseau');
  });

  it('reads a labelled business card', () => {
    const fields = parseSignature('Nom : Hélène Caron\nFonction : Directrice commerciale\nSociété : Northwind SAS\nE-mail : helene.caron@northwind.example');
    expect(fields.name).toBe('Hélène Caron');
    expect(fields.title).toBe('Directrice commerciale');
    expect(fields.company).toBe('Northwind SAS');
    expect(fields.email).toBe('helene.caron@northwind.example');
  });
});

describe('toPlainText', () => {
  it('decodes entities and mentions', () => {
    expect(toPlainText('R&amp;D &lt;team&gt; with <@U123|hélène> and <@U456>')).toBe('R&D <team> with @hélène and ');
  });
});
