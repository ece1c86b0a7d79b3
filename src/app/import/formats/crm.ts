// Contact exports of the CRMs: Salesforce (API field names) and HubSpot.
import { normalizeEmail } from '../../../domain/names.js';
import type { ImportRelationship } from '../types.js';
import { joinName, type FormatReader } from './columns.js';

/**
 * Salesforce Contact records with API field names (Id, FirstName, LastName, AccountId, ...).
 * AccountId is an id, not a name, so the account comes from an "Account.Name" or "Account Name"
 * column when the export has one, else from the import's default account.
 */
export const salesforceReader: FormatReader = {
  format: 'salesforce',
  matches: (columns) => columns.has('lastname') && columns.has('firstname') && (columns.has('id') || columns.has('accountid')),
  toRecord(columns, { line, cells }) {
    if (columns.value(cells, 'isdeleted')?.toLowerCase() === 'true') return { line, reasonKey: 'import.reason.deletedRecord' };
    return {
      line,
      account: columns.first(cells, ['account_name']),
      accountColumn: columns.headerOf(['account_name']),
      name: columns.value(cells, 'name') ?? joinName(columns.value(cells, 'firstname'), columns.value(cells, 'lastname')),
      title: columns.value(cells, 'title'),
      department: columns.value(cells, 'department'),
      email: columns.value(cells, 'email'),
      phone: columns.first(cells, ['phone', 'mobilephone', 'otherphone']),
      externalRef: columns.value(cells, 'id'),
      managerRef: columns.value(cells, 'reportstoid'),
    };
  },
};

/**
 * HubSpot contacts export. The contact owner, when a member of ours, becomes that member's
 * relationship of strength 2 ("acquainted"): owning a contact in the CRM implies some exchange.
 */
export const hubspotReader: FormatReader = {
  format: 'hubspot',
  matches: (columns) => columns.has('record_id') && (columns.has('email') || columns.has('last_name')),
  toRecord(columns, { line, cells }) {
    const owner = columns.value(cells, 'contact_owner');
    return {
      line,
      account: columns.first(cells, ['company_name', 'associated_company', 'company']),
      accountColumn: columns.headerOf(['company_name', 'associated_company', 'company']),
      name: joinName(columns.value(cells, 'first_name'), columns.value(cells, 'last_name')),
      title: columns.value(cells, 'job_title'),
      email: columns.value(cells, 'email'),
      phone: columns.first(cells, ['phone_number', 'mobile_phone_number']),
      externalRef: columns.value(cells, 'record_id'),
      ...(owner && { relationships: [ownerRelationship(owner)] }),
    };
  },
};

function ownerRelationship(owner: string): ImportRelationship {
  // Owners are written "Jane Doe" or "Jane Doe (jane@example.com)"; the address identifies best.
  const email = normalizeEmail(/\(([^()]+@[^()]+)\)/.exec(owner)?.[1]);
  const name = owner.replace(/\([^()]*\)/, '').trim();
  return { member: email ?? name, strength: 2, inferred: true, onUnknownMember: 'warn' };
}
