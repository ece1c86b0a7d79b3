// Checks one ImportRecord before anything is written: the account it belongs to, its contact
// fields (by the same rules as upsertContact), its relationships and their members.
import { z } from 'zod';

import { normalizeEmail } from '../../domain/names.js';
import { contactInput } from '../contacts.js';
import { AppError } from '../errors.js';
import { RELATIONSHIP_KINDS, VISIBILITIES } from '../relationships.js';
import type { Contact } from '../../store/schema.js';
import { isoDate, parseInput } from '../validation.js';
import type { MemberDirectory } from './directories.js';
import type { ImportInfluence, ImportIssue, ImportRecord, Visibility } from './types.js';

export const CONTACT_FIELDS = ['name', 'title', 'department', 'unit', 'email', 'phone', 'profileUrl', 'seniority', 'status', 'leftOn', 'externalRef'] as const;
export type ContactFields = Partial<Pick<Contact, (typeof CONTACT_FIELDS)[number]>>;

export interface CheckedRelationship {
  memberId: string;
  strength: number;
  kind?: string;
  lastContactOn?: string | null;
  visibility?: Visibility;
  note?: string | null;
  inferred: boolean;
}

export interface CheckedRecord {
  line: number;
  account: string;
  /** Fields the record sets; a field left out keeps its stored value. */
  fields: ContactFields;
  /** The record only points at an existing contact (no name, no title): it never creates one. */
  matchOnly: boolean;
  relationships: CheckedRelationship[];
  managerRef?: string;
  influences: ImportInfluence[];
  warnings: ImportIssue[];
}

export interface CheckOptions {
  /** Account of every record, replacing the record's own. */
  account?: string;
  members: MemberDirectory;
}

const relationshipValues = z.object({
  strength: z.number().int().min(1).max(5),
  kind: z.enum(RELATIONSHIP_KINDS).optional(),
  lastContactOn: isoDate().optional().nullable(),
  visibility: z.enum(VISIBILITIES).optional(),
  note: z.string().trim().max(2000).optional().nullable(),
});

const influenceValues = z.object({
  toRef: z.string().trim().min(1).max(200),
  weight: z.number().min(0).max(1),
  kind: z.string().trim().min(1).max(50).optional(),
  note: z.string().trim().max(2000).optional().nullable(),
});

/** Checks a record; returns it ready to write, or the reason it is rejected. */
export function checkRecord(record: ImportRecord, options: CheckOptions): CheckedRecord | ImportIssue {
  const account = options.account ?? record.account?.trim();
  if (!account && record.accountColumn) return { line: record.line, reasonKey: 'import.reason.noAccountIn', params: { column: record.accountColumn } };
  if (!account) return { line: record.line, reasonKey: 'import.reason.noAccount' };

  try {
    const { fields, matchOnly } = checkContactFields(record, account);
    if (record.managerRef && record.managerRef === fields.externalRef) return { line: record.line, reasonKey: 'structure.selfReport' };

    const warnings = [...(record.warnings ?? [])];
    const relationships: CheckedRelationship[] = [];
    for (const relationship of record.relationships ?? []) {
      const values = parseInput(relationshipValues, {
        strength: relationship.strength,
        kind: relationship.kind,
        lastContactOn: relationship.lastContactOn,
        visibility: relationship.visibility,
        note: relationship.note || undefined,
      });
      const member = relationship.memberId ? { id: relationship.memberId } : options.members.find(relationship.member ?? '');
      if ('reasonKey' in member) {
        if (relationship.onUnknownMember !== 'warn') return { line: record.line, reasonKey: member.reasonKey, params: member.params };
        warnings.push({ line: record.line, reasonKey: 'import.warning.memberSkipped', params: member.params });
        continue;
      }
      relationships.push({ ...values, memberId: member.id, inferred: relationship.inferred === true });
    }
    const influences = (record.influences ?? []).map((influence) => parseInput(influenceValues, influence));

    return {
      line: record.line,
      account,
      fields,
      matchOnly,
      relationships,
      ...(record.managerRef && { managerRef: record.managerRef }),
      influences,
      warnings,
    };
  } catch (error) {
    if (error instanceof AppError) return { line: record.line, reasonKey: error.messageKey, params: error.params };
    throw error;
  }
}

/**
 * Validates the contact fields with upsertContact's own schema. A record with neither name nor
 * title can only point at an existing contact, by e-mail or external reference: the placeholder
 * title lets it through the schema's "name or title" rule, and is dropped afterwards.
 */
function checkContactFields(record: ImportRecord, account: string): { fields: ContactFields; matchOnly: boolean } {
  const matchOnly = !record.name?.trim() && !record.title?.trim();
  if (matchOnly && !record.email?.trim() && !record.externalRef?.trim()) {
    throw new AppError('invalid_input', 'validation.invalidField', { field: 'name', reasonKey: 'validation.nameOrTitle' });
  }
  const input = parseInput(contactInput, {
    account,
    name: record.name,
    title: matchOnly ? 'placeholder' : record.title,
    department: record.department,
    unit: record.unit,
    email: record.email ?? undefined,
    phone: record.phone,
    profileUrl: record.profileUrl ?? undefined,
    seniority: record.seniority,
    status: record.status,
    leftOn: record.leftOn,
    externalRef: record.externalRef,
  });
  if (matchOnly) delete input.title;

  const fields: Record<string, unknown> = {};
  for (const key of CONTACT_FIELDS) {
    const value = input[key];
    if (value !== undefined) fields[key] = key === 'email' ? normalizeEmail(value as string | null) : value;
  }
  if (input.status === 'active' && input.leftOn === undefined) fields.leftOn = null;
  return { fields: fields as ContactFields, matchOnly };
}
