// Read use cases: who knows whom. Every query is viewer-aware: a private relationship is
// visible only to its owner (ctx.actor); an anonymous viewer sees none.
// NOTE: the bodies are being written; the types below are the contract every surface uses.
import type { AppContext } from './context.js';

export interface ContactSummary {
  id: string;
  /** Name, or title when the name is unknown. */
  label: string;
  name: string | null;
  title: string | null;
  department: string | null;
  unit: string | null;
  seniority: string | null;
  status: 'active' | 'left';
  accountId: string;
  accountName: string;
}

export interface MemberSummary {
  id: string;
  name: string;
}

export interface KnownBy {
  member: MemberSummary;
  strength: number;
  kind: string;
  lastContactOn: string | null;
  visibility: 'private' | 'deal_team' | 'tenant';
  /** Strength weighted by recency, from 0 to 1 (see src/domain/strength.ts). */
  score: number;
}

export interface WhoKnowsWhomResult {
  account: { id: string; name: string };
  /** Known contacts, most influential first, each with our members best first. */
  contacts: Array<{ contact: ContactSummary; influence: number; knownBy: KnownBy[] }>;
  /** Contacts of the account that none of our members (visible to the viewer) knows. */
  unknownCount: number;
  totalContacts: number;
  /** Paging over `contacts`. */
  offset: number;
  hasMore: boolean;
}

export interface WhoKnowsResult {
  contact: ContactSummary;
  knownBy: KnownBy[];
}

export interface MemberKnowsResult {
  member: MemberSummary;
  account: { id: string; name: string } | null;
  relationships: Array<{ contact: ContactSummary } & Omit<KnownBy, 'member'>>;
}

export type PathStepKind = 'knows' | 'manages' | 'reports_to' | 'influences' | 'influenced_by';

export interface PathStep {
  /** How this step reaches `to` from the previous node. */
  kind: PathStepKind;
  to: { type: 'contact'; contact: ContactSummary };
  /** Weight of the step, from 0 to 1. */
  weight: number;
  /** Set on "knows" steps. */
  strength?: number;
  lastContactOn?: string | null;
}

export interface IntroPath {
  from: MemberSummary;
  steps: PathStep[];
  /** Product of the step weights, from 0 to 1; higher is better. */
  score: number;
}

export interface ReachResult {
  target: ContactSummary;
  paths: IntroPath[];
}

export interface ContactsResult {
  account: { id: string; name: string };
  contacts: Array<ContactSummary & { knownByCount: number; managerLabel: string | null }>;
  total: number;
  offset: number;
  hasMore: boolean;
}

export interface PageOptions {
  offset?: number;
  limit?: number;
}

export declare function whoKnowsWhomAt(ctx: AppContext, accountQuery: string, page?: PageOptions): Promise<WhoKnowsWhomResult>;
export declare function whoKnows(ctx: AppContext, personQuery: string, options?: { account?: string }): Promise<WhoKnowsResult>;
export declare function whomDoesMemberKnow(ctx: AppContext, memberQuery: string, options?: { account?: string }): Promise<MemberKnowsResult>;
export declare function howToReach(ctx: AppContext, personQuery: string, options?: { account?: string; maxHops?: number; limit?: number }): Promise<ReachResult>;
export declare function listContacts(ctx: AppContext, accountQuery: string, page?: PageOptions): Promise<ContactsResult>;
