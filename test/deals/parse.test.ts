import { describe, expect, it } from 'vitest';

import {
  assignActionValue,
  logActionValue,
  mapActionValue,
  parseAssignActionValue,
  parseLogActionValue,
  parseMapActionValue,
} from '../../src/app/deals/actions.js';
import { parseAmount, parseDealCommand, splitTags, type DealToken } from '../../src/app/deals/parse.js';

const words = (...texts: string[]): DealToken[] => texts.map((text) => ({ kind: 'word', text }));
const DEAL = '11111111-1111-4111-8111-111111111111';
const CONTACT = '22222222-2222-4222-8222-222222222222';
const MEMBER = '33333333-3333-4333-8333-333333333333';
const VIA = '44444444-4444-4444-8444-444444444444';

describe('deal command grammar', () => {
  it('parses a create with options', () => {
    const result = parseDealCommand('deal', words('create', 'Acme Energy', 'Grid upgrade', '--stage', 'proposal', '--amount=250 000', '--currency', 'EUR', '--buying-stage', 'validation'));
    expect(result).toEqual({ ok: true, command: { action: 'create', account: 'Acme Energy', name: 'Grid upgrade', stage: 'proposal', amount: '250 000', currency: 'EUR', buyingStage: 'validation' } });
  });

  it('reads a dash Slack made of two hyphens', () => {
    const result = parseDealCommand('deal', words('stage', 'Grid upgrade', 'negotiation', '—account', 'Acme'));
    expect(result).toEqual({ ok: true, command: { action: 'stage', deal: 'Grid upgrade', stage: 'negotiation', account: 'Acme' } });
  });

  it('parses committee tags', () => {
    const result = parseDealCommand('deal', words('committee', 'add', 'Grid upgrade', 'Zoé Martin', '--role', 'economic buyer', '--tags', 'cost, risk'));
    expect(result).toEqual({ ok: true, command: { action: 'committee-add', deal: 'Grid upgrade', person: 'Zoé Martin', role: 'economic buyer', tags: ['cost', 'risk'] } });
  });

  it('keeps a mention as a member', () => {
    const result = parseDealCommand('deal', [...words('team', 'add', 'Grid upgrade'), { kind: 'mention', userId: 'U123', label: 'helene' }]);
    expect(result).toEqual({ ok: true, command: { action: 'team-add', deal: 'Grid upgrade', member: { kind: 'mention', userId: 'U123', label: 'helene' } } });
  });

  it('parses coverage and map', () => {
    expect(parseDealCommand('coverage', words('Acme Energy', '--top', '3'))).toEqual({ ok: true, command: { action: 'coverage', target: 'Acme Energy', top: '3' } });
    expect(parseDealCommand('map', words('HM Treasury'))).toEqual({ ok: true, command: { action: 'map', target: 'HM Treasury' } });
  });

  it('rejects an unknown subcommand', () => {
    expect(parseDealCommand('deal', words('destroy', 'x'))).toMatchObject({ ok: false, failure: { messageKey: 'deals.errors.unknownSubcommand' } });
  });

  it('rejects an option of another command', () => {
    const result = parseDealCommand('deal', words('show', 'Grid', '--stage', 'x'));
    expect(result).toMatchObject({ ok: false, failure: { messageKey: 'deals.errors.unknownOption', params: { value: '--stage', options: '--account' } } });
  });

  it('rejects a missing option value', () => {
    const result = parseDealCommand('deal', words('log', 'Grid', 'Zoé', '--outcome'));
    expect(result).toMatchObject({ ok: false, failure: { messageKey: 'deals.errors.optionValue', params: { option: '--outcome' } } });
  });

  it('shows the usage on missing arguments', () => {
    const result = parseDealCommand('deal', words('committee', 'add', 'Grid'));
    expect(result).toMatchObject({ ok: false, failure: { messageKey: 'deals.errors.usage', usage: expect.stringContaining('deal committee add DEAL PERSON') } });
  });
});

describe('amounts and tags', () => {
  it('reads amounts as typed', () => {
    expect(parseAmount('250000')).toBe(250000);
    expect(parseAmount('250 000')).toBe(250000);
    expect(parseAmount('250,000.50')).toBe(250000.5);
    expect(parseAmount('250000,5')).toBe(250000.5);
    expect(parseAmount('1,250,000')).toBe(1250000);
    expect(parseAmount('lots')).toBeNull();
    expect(parseAmount('-5')).toBeNull();
  });

  it('splits tags on commas and semicolons', () => {
    expect(splitTags('cost, risk;career,,')).toEqual(['cost', 'risk', 'career']);
  });
});

describe('button values', () => {
  it('round-trips an assignment', () => {
    const value = assignActionValue(DEAL, CONTACT, { kind: 'via_contact', memberId: MEMBER, viaContactId: VIA, relation: 'manages', strength: 3, lastContactOn: null });
    expect(parseAssignActionValue(value)).toEqual({ dealId: DEAL, contactId: CONTACT, memberId: MEMBER, viaMemberId: null, viaContactId: VIA });
  });

  it('round-trips a colleague introduction', () => {
    const value = assignActionValue(DEAL, CONTACT, { kind: 'via_colleague', memberId: MEMBER, colleagueId: VIA, strength: 3, lastContactOn: null });
    expect(parseAssignActionValue(value)).toMatchObject({ viaMemberId: VIA, viaContactId: null });
  });

  it('round-trips log and map values', () => {
    expect(parseLogActionValue(logActionValue(DEAL, CONTACT))).toEqual({ dealId: DEAL, contactId: CONTACT });
    expect(parseMapActionValue(mapActionValue({ type: 'account', id: DEAL }))).toEqual({ type: 'account', id: DEAL });
  });

  it('rejects foreign values', () => {
    expect(parseAssignActionValue('not:ours')).toBeNull();
    expect(parseLogActionValue(`${DEAL}`)).toBeNull();
    expect(parseMapActionValue(`contact:${DEAL}`)).toBeNull();
  });
});
