// Writes an o2o-format CSV for the import benchmark: new accounts of 100 people each, every row
// with a manager in the same account (but the head) and one relationship to an existing member.
import { writeFile } from 'node:fs/promises';

const PEOPLE_PER_ACCOUNT = 100;
const HEADER = ['account', 'name', 'title', 'department', 'email', 'external_ref', 'manager_ref', 'member', 'strength', 'last_contact', 'visibility'];

/** Writes `rows` data rows to `file`; members are seller0001@bench.example up to `members`. */
export async function writeImportCsv(file: string, rows: number, members: number): Promise<void> {
  const lines = [HEADER.join(',')];
  for (let row = 0; row < rows; row++) {
    const account = Math.floor(row / PEOPLE_PER_ACCOUNT) + 1;
    const ordinal = row % PEOPLE_PER_ACCOUNT;
    const ref = `IMP-${account}-${ordinal}`;
    const managerRef = ordinal === 0 ? '' : `IMP-${account}-${Math.floor((ordinal - 1) / 5)}`;
    const member = `seller${String((row % members) + 1).padStart(4, '0')}@bench.example`;
    const lastContact = new Date(Date.UTC(2026, 0, 1 + (row % 330))).toISOString().slice(0, 10);
    lines.push(
      [
        `"Imported Account ${String(account).padStart(4, '0')}"`,
        `"Person ${row + 1}"`,
        ordinal === 0 ? 'Chief Executive Officer' : 'Analyst',
        'Operations',
        `person${row + 1}@imported${account}.example`,
        ref,
        managerRef,
        member,
        String(1 + (row % 5)),
        lastContact,
        row % 10 === 0 ? 'private' : 'tenant',
      ].join(','),
    );
  }
  await writeFile(file, `${lines.join('\n')}\n`, 'utf8');
}
