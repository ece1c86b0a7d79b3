// The visibility policy of relationships. The store applies the same rule in SQL
// (src/store/queries/visibility.ts), and a test checks that both agree.

export type Visibility = 'private' | 'deal_team' | 'tenant';

export interface DealTeam {
  accountId: string;
  memberIds: readonly string[];
}

export interface RelationshipAccess {
  /** The member who knows the contact. */
  ownerId: string;
  visibility: Visibility;
  /** Account of the contact the relationship is with. */
  accountId: string;
}

/**
 * Checks whether a viewer may see a relationship. "tenant" is visible to everyone in the tenant,
 * the anonymous viewer (null) included. "private" is visible to its owner only. "deal_team" is
 * visible to its owner and to members who sit on one deal team with the owner for a deal of the
 * contact's account. Relationships of another tenant never reach this check, because every query
 * filters on the tenant.
 */
export function canViewRelationship(viewerId: string | null, relationship: RelationshipAccess, dealTeams: readonly DealTeam[]): boolean {
  if (relationship.visibility === 'tenant') return true;
  if (viewerId === null) return false;
  if (viewerId === relationship.ownerId) return true;
  if (relationship.visibility === 'private') return false;
  return sharesDealTeam(viewerId, relationship.ownerId, relationship.accountId, dealTeams);
}

/** Checks whether two members sit on one deal team for a deal of this account. */
export function sharesDealTeam(firstId: string, secondId: string, accountId: string, dealTeams: readonly DealTeam[]): boolean {
  return dealTeams.some((team) => team.accountId === accountId && team.memberIds.includes(firstId) && team.memberIds.includes(secondId));
}
