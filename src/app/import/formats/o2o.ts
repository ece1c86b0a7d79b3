// o2o's own CSV format: snake_case English column names, with French aliases. The full reference
// is docs/import-format.md.
import type { CsvRow } from '../csv-rows.js';
import type { ImportIssue, ImportRecord, ImportRelationship } from '../types.js';
import {
  invalidValue,
  KIND_VALUES,
  parseKind,
  parseStatus,
  parseStrength,
  parseVisibility,
  STATUS_VALUES,
  VISIBILITY_VALUES,
} from '../vocabulary.js';
import { joinName, type Columns, type FormatReader } from './columns.js';

/** Each o2o column with the header names accepted for it, compared as column keys. */
export const O2O_COLUMNS = {
  account: ['account', 'account_name', 'company', 'company_name', 'compte', 'societe', 'entreprise', 'organisation', 'organization'],
  name: ['name', 'full_name', 'nom', 'nom_complet'],
  first_name: ['first_name', 'prenom'],
  last_name: ['last_name', 'nom_de_famille'],
  title: ['title', 'job_title', 'fonction', 'poste', 'titre'],
  department: ['department', 'departement', 'service', 'direction'],
  unit: ['unit', 'unite', 'equipe'],
  email: ['email', 'e_mail', 'mail', 'courriel'],
  phone: ['phone', 'telephone', 'tel'],
  profile_url: ['profile_url', 'url', 'linkedin', 'profil', 'url_profil'],
  seniority: ['seniority', 'grade', 'niveau', 'seniorite'],
  status: ['status', 'statut'],
  left_on: ['left_on', 'date_depart', 'parti_le'],
  external_ref: ['external_ref', 'ref', 'reference', 'ref_externe', 'reference_externe'],
  manager_ref: ['manager_ref', 'reports_to', 'ref_manager', 'ref_responsable'],
  member: ['member', 'member_email', 'membre', 'e_mail_membre'],
  strength: ['strength', 'force'],
  kind: ['kind', 'nature'],
  last_contact: ['last_contact', 'last_contact_on', 'dernier_contact'],
  visibility: ['visibility', 'visibilite'],
  note: ['note', 'notes', 'commentaire'],
} as const;

type O2oColumn = keyof typeof O2O_COLUMNS;
const PERSON_COLUMNS: O2oColumn[] = ['name', 'first_name', 'last_name', 'title', 'email', 'external_ref'];

/** Reads one o2o row: the cell of each o2o column, blank cells left out. */
class O2oRow {
  constructor(
    private readonly columns: Columns,
    private readonly cells: string[],
  ) {}

  get(column: O2oColumn): string | undefined {
    const position = this.columns.positionOf(O2O_COLUMNS[column]);
    const value = position === undefined ? undefined : this.cells[position]?.trim();
    return value ? value : undefined;
  }
}

function hasColumn(columns: Columns, column: O2oColumn): boolean {
  return columns.positionOf(O2O_COLUMNS[column]) !== undefined;
}

export const o2oReader: FormatReader = {
  format: 'o2o',
  // Tried after every other format, so a known export never reads as o2o.
  matches: (columns) => {
    const known = (Object.keys(O2O_COLUMNS) as O2oColumn[]).filter((column) => hasColumn(columns, column));
    return known.length >= 2 && known.some((column) => PERSON_COLUMNS.includes(column));
  },
  toRecord(columns, row) {
    const cells = new O2oRow(columns, row.cells);
    const status = cells.get('status');
    const parsedStatus = status === undefined ? undefined : parseStatus(status);
    if (status !== undefined && !parsedStatus) return invalidValue(row.line, headerOf(columns, 'status'), status, STATUS_VALUES);

    const relationship = readRelationship(columns, cells, row);
    if (relationship && 'reasonKey' in relationship) return relationship;
    return {
      line: row.line,
      account: cells.get('account'),
      accountColumn: headerOf(columns, 'account'),
      name: readName(columns, cells),
      title: cells.get('title'),
      department: cells.get('department'),
      unit: cells.get('unit'),
      email: cells.get('email'),
      phone: cells.get('phone'),
      profileUrl: cells.get('profile_url'),
      seniority: cells.get('seniority'),
      ...(parsedStatus && { status: parsedStatus }),
      leftOn: cells.get('left_on'),
      externalRef: cells.get('external_ref'),
      managerRef: cells.get('manager_ref'),
      ...(relationship && { relationships: [relationship] }),
    } satisfies ImportRecord;
  },
};

/**
 * Reads the contact's name. French files often write "Prénom;Nom", so when a first-name column is
 * present and no last-name column, the name column is the family name.
 */
function readName(columns: Columns, cells: O2oRow): string | undefined {
  const firstName = cells.get('first_name');
  if (hasColumn(columns, 'first_name') && !hasColumn(columns, 'last_name')) return joinName(firstName, cells.get('name'));
  return cells.get('name') ?? joinName(firstName, cells.get('last_name'));
}

function readRelationship(columns: Columns, cells: O2oRow, row: CsvRow): ImportRelationship | ImportIssue | undefined {
  const member = cells.get('member');
  const strengthText = cells.get('strength');
  if (!member && !strengthText) return undefined;
  if (!member) return { line: row.line, reasonKey: 'import.reason.memberMissing', params: { column: headerOf(columns, 'member') } };
  if (!strengthText) return { line: row.line, reasonKey: 'import.reason.strengthMissing', params: { column: headerOf(columns, 'strength') } };

  const strength = parseStrength(strengthText);
  if (strength === undefined) return invalidValue(row.line, headerOf(columns, 'strength'), strengthText, ['1', '2', '3', '4', '5']);
  const kindText = cells.get('kind');
  const kind = kindText === undefined ? undefined : parseKind(kindText);
  if (kindText !== undefined && !kind) return invalidValue(row.line, headerOf(columns, 'kind'), kindText, KIND_VALUES);
  const visibilityText = cells.get('visibility');
  const visibility = visibilityText === undefined ? undefined : parseVisibility(visibilityText);
  if (visibilityText !== undefined && !visibility) return invalidValue(row.line, headerOf(columns, 'visibility'), visibilityText, VISIBILITY_VALUES);

  return {
    member,
    strength,
    ...(kind && { kind }),
    ...(cells.get('last_contact') && { lastContactOn: cells.get('last_contact') }),
    ...(visibility && { visibility }),
    ...(cells.get('note') && { note: cells.get('note') }),
  };
}

/** Returns the header cell as written in the file, for messages, or the canonical name when absent. */
function headerOf(columns: Columns, column: O2oColumn): string {
  const position = columns.positionOf(O2O_COLUMNS[column]);
  return position === undefined ? column : (columns.header[position]?.trim() ?? column);
}
