// The relationship charter as a pure policy: what a viewer may learn of a colleague's relationship
// under the tenant's charter settings. Every read path applies it, in SQL through
// src/store/queries/visibility.ts, and a property test checks that both agree.

export type Visibility = 'private' | 'deal_team' | 'tenant';

/** What others see of a relationship they may not see in full. */
export type HiddenRelationshipView = 'nothing' | 'existence';

/**
 * Who counts as deal team for a "deal_team" relationship:
 * - same_deal: viewer and owner sit on the team of one deal of the contact's account, open or closed;
 * - same_open_deal: the same, for an open deal only;
 * - account_open_deals: the viewer sits on the team of any open deal of that account, owner or not.
 */
export type DealTeamRule = 'same_deal' | 'same_open_deal' | 'account_open_deals';

export const VISIBILITIES: readonly Visibility[] = ['private', 'deal_team', 'tenant'];
export const HIDDEN_RELATIONSHIP_VIEWS: readonly HiddenRelationshipView[] = ['nothing', 'existence'];
export const DEAL_TEAM_RULES: readonly DealTeamRule[] = ['same_deal', 'same_open_deal', 'account_open_deals'];

export interface CharterRules {
  /** Visibility of a relationship recorded without one. */
  defaultVisibility: Visibility;
  hiddenRelationships: HiddenRelationshipView;
  dealTeam: DealTeamRule;
  /** Months after which interactions and relationship notes are deleted. */
  retentionMonths: number;
  /** Whether a member's relationships stay theirs alone until they accept the current charter. */
  requireAcceptance: boolean;
}

/** The rules o2o applied before the charter existed; a tenant without charter settings keeps them. */
export const DEFAULT_CHARTER_RULES: CharterRules = {
  defaultVisibility: 'tenant',
  hiddenRelationships: 'nothing',
  dealTeam: 'same_deal',
  retentionMonths: 24,
  requireAcceptance: false,
};

export interface DealTeam {
  accountId: string;
  memberIds: readonly string[];
  /** Whether the deal is open; a team with no status counts as open. */
  open?: boolean;
}

export interface RelationshipFacts {
  /** The member who knows the contact. */
  ownerId: string;
  visibility: Visibility;
  /** Account of the contact the relationship is with. */
  accountId: string;
}

/** Where the owner stands with the charter. */
export interface OwnerStanding {
  active: boolean;
  optedOut: boolean;
  /** Whether the owner accepted the tenant's current charter version. */
  acceptedCurrent: boolean;
}

export const SHARING_OWNER: OwnerStanding = { active: true, optedOut: false, acceptedCurrent: true };

/** Who is looking, under which rules: everything a read query needs to apply the charter. */
export interface Viewpoint {
  tenantId: string;
  /** The member looking; null for the anonymous viewer. */
  viewerId: string | null;
  rules: CharterRules;
  /** The tenant's current charter version, which owners must have accepted when `rules.requireAcceptance`. */
  charterVersion: string;
}

/** full: every detail; existence: only that someone in our team knows the person; none: nothing at all. */
export type Disclosure = 'full' | 'existence' | 'none';

/**
 * Decides what a viewer (null for the anonymous viewer, such as a channel) learns of one
 * relationship. The owner always sees their own in full. Nobody else learns anything of the
 * relationships of a member who left, opted out, or has not accepted a charter that must be
 * accepted. Otherwise "tenant" is shared with everyone, "deal_team" with the deal team as
 * `rules.dealTeam` defines it, and what remains hidden shows as existence to identified members
 * when the tenant chose so. The anonymous viewer never gets existence, since only a member can
 * ask for an introduction. Relationships of another tenant never reach this check, because every
 * query filters on the tenant first.
 */
export function discloseRelationship(
  viewerId: string | null,
  relationship: RelationshipFacts,
  owner: OwnerStanding,
  rules: CharterRules,
  dealTeams: readonly DealTeam[],
): Disclosure {
  if (viewerId !== null && viewerId === relationship.ownerId) return 'full';
  if (!ownerShares(owner, rules)) return 'none';
  if (relationship.visibility === 'tenant') return 'full';
  if (viewerId === null) return 'none';
  if (relationship.visibility === 'deal_team' && countsAsDealTeam(viewerId, relationship, rules.dealTeam, dealTeams)) return 'full';
  return rules.hiddenRelationships === 'existence' ? 'existence' : 'none';
}

/** Checks whether anything of an owner's relationships may reach others. */
export function ownerShares(owner: OwnerStanding, rules: Pick<CharterRules, 'requireAcceptance'>): boolean {
  if (!owner.active || owner.optedOut) return false;
  return !rules.requireAcceptance || owner.acceptedCurrent;
}

/** Checks whether the viewer counts as the owner's deal team for the relationship's account. */
export function countsAsDealTeam(viewerId: string, relationship: RelationshipFacts, rule: DealTeamRule, dealTeams: readonly DealTeam[]): boolean {
  return dealTeams.some((team) => {
    if (team.accountId !== relationship.accountId || !team.memberIds.includes(viewerId)) return false;
    if (rule === 'same_deal') return team.memberIds.includes(relationship.ownerId);
    if (team.open === false) return false;
    return rule === 'account_open_deals' || team.memberIds.includes(relationship.ownerId);
  });
}

/** The version members accept: the charter text's version and the tenant's revision of its settings. */
export function charterVersion(textVersion: number, settingsRevision: number): string {
  return `${textVersion}.${settingsRevision}`;
}

/** Subtracts whole calendar months from a date (UTC), clamping to the month's last day: the retention cut-off. */
export function monthsBefore(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()));
}
