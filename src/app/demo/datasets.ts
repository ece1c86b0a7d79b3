// ImportRecords built from the example datasets in examples/ (their provenance is in
// examples/README.md). The demo writes them through importRecords, like any import.
import path from 'node:path';

import type { ImportInfluence, ImportRecord } from '../import/types.js';
import { parseKind, parseVisibility } from '../import/vocabulary.js';
import { readAll, readTable } from './csv-table.js';

export const ACME_ACCOUNT = 'Acme Energy';

/**
 * Pairs of Acme Energy people who exchanged at least this many e-mails (in one direction, over
 * 1998–2002) become an informal influence link: 392 of the 2,715 pairs in the dataset.
 */
export const MIN_MESSAGES_FOR_INFLUENCE = 20;

/**
 * Weight of an influence link from the number of e-mails sent: log10(messages) / 3, capped at 1,
 * so 20 e-mails weigh 0.43, 100 weigh 0.67 and 1,000 or more weigh 1.
 */
export function influenceWeight(messages: number): number {
  return Math.min(1, Math.round((Math.log10(messages) / 3) * 100) / 100);
}

/**
 * Acme Energy's people, each carrying the influence links it sends. The sender of many e-mails
 * is taken to influence the recipient: they have the recipient's ear, which is the channel an
 * introduction would use.
 */
export async function* acmeEnergyRecords(folder: string): AsyncGenerator<ImportRecord> {
  const influences = await readInfluences(path.join(folder, 'acme-energy', 'email-counts.csv'));
  for await (const row of readTable(path.join(folder, 'acme-energy', 'people.csv'))) {
    const ref = row.get('ref');
    yield {
      line: row.line,
      account: ACME_ACCOUNT,
      name: row.get('full_name'),
      email: row.get('email') || undefined,
      department: row.get('department') || undefined,
      unit: row.get('unit') || undefined,
      title: row.get('title') || undefined,
      seniority: row.get('seniority') || undefined,
      externalRef: ref,
      influences: influences.get(ref) ?? [],
    };
  }
}

async function readInfluences(file: string): Promise<Map<string, ImportInfluence[]>> {
  const bySender = new Map<string, ImportInfluence[]>();
  for await (const row of readTable(file)) {
    const messages = Number(row.get('messages'));
    if (!(messages >= MIN_MESSAGES_FOR_INFLUENCE)) continue;
    const sender = row.get('from_ref');
    bySender.set(sender, [...(bySender.get(sender) ?? []), { toRef: row.get('to_ref'), weight: influenceWeight(messages), kind: 'informal' }]);
  }
  return bySender;
}

// Post references that identify no post: "Deleted" rows and vacancies ("0", "Not in post").
const NOT_A_REFERENCE = new Set(['', 'Deleted', '0']);
// Manager reference of a post that has no manager.
const ROOT_MANAGER = 'XX';
const UNDISCLOSED_NAME = 'N/D';

/**
 * HM Treasury's organogram, with its published quirks kept working. An "N/D" name is unknown, and
 * the job title labels the person. A post reference that identifies nothing or repeats gets a
 * stable synthetic one: the value and its occurrence in file order ("Deleted#3", "10994#2"). The
 * root reports to "XX", which means no manager. E-mail addresses and phone numbers shared by
 * several rows are the general enquiries line, not the person's, and are left out.
 */
export async function* hmTreasuryRecords(folder: string): AsyncGenerator<ImportRecord> {
  const rows = await readAll(path.join(folder, 'hm-treasury-2011', 'senior-posts.csv'));
  const sharedEmails = repeatedValues(rows.map((row) => row.get('Contact E-mail').toLowerCase()));
  const sharedPhones = repeatedValues(rows.map((row) => row.get('Contact Phone')));
  const repeatedRefs = repeatedValues(rows.map((row) => row.get('Post Unique Reference')));
  const seen = new Map<string, number>();

  for (const row of rows) {
    const ref = row.get('Post Unique Reference');
    const occurrence = (seen.get(ref) ?? 0) + 1;
    seen.set(ref, occurrence);
    const synthetic = NOT_A_REFERENCE.has(ref) || (repeatedRefs.has(ref) && occurrence > 1);
    const email = row.get('Contact E-mail');
    const phone = row.get('Contact Phone');
    const manager = row.get('Reports to Senior Post');
    const name = row.get('Name');
    yield {
      line: row.line,
      account: row.get('Organisation') || 'HM Treasury',
      name: name === UNDISCLOSED_NAME || !name ? null : name,
      title: row.get('Job Title') || undefined,
      department: row.get('Professional/Occupational Group') || undefined,
      unit: row.get('Unit') || undefined,
      seniority: row.get('Grade (or equivalent)') || undefined,
      email: email && !sharedEmails.has(email.toLowerCase()) ? email : undefined,
      phone: phone && !sharedPhones.has(phone) ? phone : undefined,
      externalRef: synthetic ? `${ref || 'post'}#${occurrence}` : ref,
      managerRef: manager && manager !== ROOT_MANAGER ? manager : undefined,
    };
  }
}

function repeatedValues(values: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return new Set([...counts].filter(([, count]) => count > 1).map(([value]) => value));
}

/**
 * Northwind's relationships: each row points at an existing contact by account and external
 * reference, and records the member's relationship with them. Visibility "team" is everyone in
 * the tenant; kinds outside o2o's list are mapped by the import vocabulary ("customer_meetings"
 * and "worked_together" are work, "met_at_event" is social).
 */
export async function* northwindRelationshipRecords(folder: string): AsyncGenerator<ImportRecord> {
  for await (const row of readTable(path.join(folder, 'northwind-sellers', 'relationships.csv'))) {
    const visibility = parseVisibility(row.get('visibility'));
    yield {
      line: row.line,
      account: row.get('account'),
      externalRef: row.get('contact_ref'),
      relationships: [
        {
          member: row.get('member_email'),
          strength: Number(row.get('strength')),
          kind: parseKind(row.get('kind')) ?? 'other',
          lastContactOn: row.get('last_contact') || null,
          ...(visibility && { visibility }),
          note: row.get('note') || null,
        },
      ],
    };
  }
}
