// The visibility rule of relationships under the rules o2o applies without charter settings:
// the default case of the charter policy in src/domain/charter.ts, which every read path applies.
import { DEFAULT_CHARTER_RULES, discloseRelationship, SHARING_OWNER, type DealTeam, type RelationshipFacts } from './charter.js';

export type { DealTeam, Visibility } from './charter.js';

export type RelationshipAccess = RelationshipFacts;

/**
 * Checks whether a viewer may see a relationship in full under the default charter rules.
 * "tenant" is visible to everyone in the tenant, the anonymous viewer (null) included. "private"
 * is visible to its owner only. "deal_team" is visible to its owner and to members who sit on one
 * deal team with the owner for a deal of the contact's account.
 */
export function canViewRelationship(viewerId: string | null, relationship: RelationshipAccess, dealTeams: readonly DealTeam[]): boolean {
  return discloseRelationship(viewerId, relationship, SHARING_OWNER, DEFAULT_CHARTER_RULES, dealTeams) === 'full';
}

/** Checks whether two members sit on one deal team for a deal of this account. */
export function sharesDealTeam(firstId: string, secondId: string, accountId: string, dealTeams: readonly DealTeam[]): boolean {
  return dealTeams.some((team) => team.accountId === accountId && team.memberIds.includes(firstId) && team.memberIds.includes(secondId));
}
