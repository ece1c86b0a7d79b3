import { describe, expect, it } from 'vitest';

import { canViewRelationship, sharesDealTeam, type DealTeam } from '../../src/domain/visibility.js';

const dealTeams: DealTeam[] = [
  { accountId: 'acme', memberIds: ['owner', 'mate'] },
  { accountId: 'globex', memberIds: ['owner', 'elsewhere'] },
];
const at = (visibility: 'private' | 'deal_team' | 'tenant') => ({ ownerId: 'owner', visibility, accountId: 'acme' });

describe('canViewRelationship', () => {
  it('shows tenant relationships to everyone, the anonymous viewer included', () => {
    for (const viewer of [null, 'owner', 'mate', 'stranger']) expect(canViewRelationship(viewer, at('tenant'), dealTeams)).toBe(true);
  });

  it('shows private relationships to their owner only', () => {
    expect(canViewRelationship('owner', at('private'), dealTeams)).toBe(true);
    expect(canViewRelationship('mate', at('private'), dealTeams)).toBe(false);
    expect(canViewRelationship(null, at('private'), dealTeams)).toBe(false);
  });

  it('shows deal-team relationships to the owner and deal-team mates at that account', () => {
    expect(canViewRelationship('owner', at('deal_team'), dealTeams)).toBe(true);
    expect(canViewRelationship('mate', at('deal_team'), dealTeams)).toBe(true);
    expect(canViewRelationship('elsewhere', at('deal_team'), dealTeams)).toBe(false);
    expect(canViewRelationship('stranger', at('deal_team'), dealTeams)).toBe(false);
    expect(canViewRelationship(null, at('deal_team'), dealTeams)).toBe(false);
  });
});

describe('sharesDealTeam', () => {
  it('needs both members on one team of the account', () => {
    expect(sharesDealTeam('owner', 'mate', 'acme', dealTeams)).toBe(true);
    expect(sharesDealTeam('owner', 'mate', 'globex', dealTeams)).toBe(false);
    expect(sharesDealTeam('mate', 'elsewhere', 'acme', dealTeams)).toBe(false);
  });
});
