// Button values of deal replies, routed by Slack and Teams back to the deal use cases. Values
// carry ids only (UUIDs separated by colons), well under Slack's 2,000-character limit.
import type { OutreachRoute } from '../../domain/recommendations.js';

/** Assign the recommended outreach: value from {@link assignActionValue}. */
export const OUTREACH_ASSIGN_ACTION = 'deal.outreach.assign';
/** Log the result of an assigned outreach: value from {@link logActionValue}; opens a form. */
export const OUTREACH_LOG_ACTION = 'deal.outreach.log';
/** Show the power map of a deal or an account: value from {@link mapActionValue}. */
export const POWER_MAP_ACTION = 'deal.power-map';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export interface AssignActionValue {
  dealId: string;
  contactId: string;
  memberId: string;
  viaMemberId: string | null;
  viaContactId: string | null;
}

/** "deal:contact:member", then ":m:colleague" or ":c:contact" when someone introduces the member. */
export function assignActionValue(dealId: string, contactId: string, route: OutreachRoute): string {
  const via = route.kind === 'via_colleague' ? `:m:${route.colleagueId}` : route.kind === 'via_contact' ? `:c:${route.viaContactId}` : '';
  return `${dealId}:${contactId}:${route.memberId}${via}`;
}

/** Reads an assign button's value; null when it is not one. */
export function parseAssignActionValue(value: string): AssignActionValue | null {
  const match = new RegExp(`^(${UUID}):(${UUID}):(${UUID})(?::([mc]):(${UUID}))?$`).exec(value);
  if (!match) return null;
  return {
    dealId: match[1]!,
    contactId: match[2]!,
    memberId: match[3]!,
    viaMemberId: match[4] === 'm' ? match[5]! : null,
    viaContactId: match[4] === 'c' ? match[5]! : null,
  };
}

/** "deal:contact". */
export function logActionValue(dealId: string, contactId: string): string {
  return `${dealId}:${contactId}`;
}

/** Reads a log button's value; null when it is not one. */
export function parseLogActionValue(value: string): { dealId: string; contactId: string } | null {
  const match = new RegExp(`^(${UUID}):(${UUID})$`).exec(value);
  return match ? { dealId: match[1]!, contactId: match[2]! } : null;
}

export type MapTarget = { type: 'deal' | 'account'; id: string };

/** "deal:id" or "account:id". */
export function mapActionValue(target: MapTarget): string {
  return `${target.type}:${target.id}`;
}

/** Reads a map button's value; null when it is not one. */
export function parseMapActionValue(value: string): MapTarget | null {
  const match = new RegExp(`^(deal|account):(${UUID})$`).exec(value);
  return match ? { type: match[1] as MapTarget['type'], id: match[2]! } : null;
}
