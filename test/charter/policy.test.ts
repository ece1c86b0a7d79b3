import { describe, expect, it } from 'vitest';

import {
  charterVersion,
  countsAsDealTeam,
  DEFAULT_CHARTER_RULES,
  discloseRelationship,
  monthsBefore,
  SHARING_OWNER,
  type CharterRules,
  type DealTeam,
} from '../../src/domain/charter.js';

const teams: DealTeam[] = [
  { accountId: 'acme', memberIds: ['owner', 'mate'], open: true },
  { accountId: 'acme', memberIds: ['closer', 'owner'], open: false },
  { accountId: 'acme', memberIds: ['seller'], open: true },
  { accountId: 'globex', memberIds: ['owner', 'elsewhere'], open: true },
];
const relationship = (visibility: 'private' | 'deal_team' | 'tenant') => ({ ownerId: 'owner', visibility, accountId: 'acme' });
const rules = (change: Partial<CharterRules> = {}): CharterRules => ({ ...DEFAULT_CHARTER_RULES, ...change });

describe('discloseRelationship', () => {
  it('shows owners their own relationships whatever their standing', () => {
    const standing = { active: true, optedOut: true, acceptedCurrent: false };
    expect(discloseRelationship('owner', relationship('private'), standing, rules({ requireAcceptance: true }), teams)).toBe('full');
  });

  it('shows shared relationships to everyone, anonymous included', () => {
    expect(discloseRelationship(null, relationship('tenant'), SHARING_OWNER, rules(), teams)).toBe('full');
    expect(discloseRelationship('stranger', relationship('tenant'), SHARING_OWNER, rules(), teams)).toBe('full');
  });

  it('hides everything of an opted-out owner', () => {
    const optedOut = { ...SHARING_OWNER, optedOut: true };
    expect(discloseRelationship('stranger', relationship('tenant'), optedOut, rules({ hiddenRelationships: 'existence' }), teams)).toBe('none');
    expect(discloseRelationship(null, relationship('tenant'), optedOut, rules(), teams)).toBe('none');
  });

  it('hides an owner who has not accepted a required charter', () => {
    const pending = { ...SHARING_OWNER, acceptedCurrent: false };
    expect(discloseRelationship('mate', relationship('tenant'), pending, rules({ requireAcceptance: true }), teams)).toBe('none');
    expect(discloseRelationship('mate', relationship('tenant'), pending, rules({ requireAcceptance: false }), teams)).toBe('full');
  });

  it('hides everything of an owner who left', () => {
    expect(discloseRelationship('mate', relationship('tenant'), { ...SHARING_OWNER, active: false }, rules(), teams)).toBe('none');
  });

  it('shows existence only when the tenant chose so', () => {
    expect(discloseRelationship('stranger', relationship('private'), SHARING_OWNER, rules(), teams)).toBe('none');
    expect(discloseRelationship('stranger', relationship('private'), SHARING_OWNER, rules({ hiddenRelationships: 'existence' }), teams)).toBe('existence');
  });

  it('never shows existence to the anonymous viewer', () => {
    expect(discloseRelationship(null, relationship('private'), SHARING_OWNER, rules({ hiddenRelationships: 'existence' }), teams)).toBe('none');
  });

  it('shows deal-team relationships to the deal team', () => {
    expect(discloseRelationship('mate', relationship('deal_team'), SHARING_OWNER, rules(), teams)).toBe('full');
    expect(discloseRelationship('elsewhere', relationship('deal_team'), SHARING_OWNER, rules(), teams)).toBe('none');
  });
});

describe('countsAsDealTeam', () => {
  const at = relationship('deal_team');

  it('counts any shared deal under same_deal', () => {
    expect(countsAsDealTeam('closer', at, 'same_deal', teams)).toBe(true);
    expect(countsAsDealTeam('seller', at, 'same_deal', teams)).toBe(false);
  });

  it('counts open deals only under same_open_deal', () => {
    expect(countsAsDealTeam('mate', at, 'same_open_deal', teams)).toBe(true);
    expect(countsAsDealTeam('closer', at, 'same_open_deal', teams)).toBe(false);
  });

  it('counts any open team of the account under account_open_deals', () => {
    expect(countsAsDealTeam('seller', at, 'account_open_deals', teams)).toBe(true);
    expect(countsAsDealTeam('closer', at, 'account_open_deals', teams)).toBe(false);
    expect(countsAsDealTeam('elsewhere', at, 'account_open_deals', teams)).toBe(false);
  });
});

describe('monthsBefore', () => {
  it('steps back whole months', () => {
    expect(monthsBefore(new Date('2026-12-01T12:00:00Z'), 24).toISOString()).toBe('2024-12-01T12:00:00.000Z');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(monthsBefore(new Date('2026-03-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
});

describe('charterVersion', () => {
  it('joins text version and settings revision', () => {
    expect(charterVersion(1, 0)).toBe('1.0');
    expect(charterVersion(2, 5)).toBe('2.5');
  });
});
