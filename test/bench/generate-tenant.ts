// Synthetic tenant for the benchmarks, generated inside the database with set-based SQL
// (generate_series and INSERT … SELECT), so a million relationships take seconds, not hours.
//
// At scale 1: 5,000 accounts, 250,000 contacts, 1,000 members, 1,000,000 relationships,
// 245,000 reporting lines and 255,000 influence links. Account 1 ("Globex Corporation") always
// has exactly 2,000 contacts; the others share the rest evenly. Ids are md5 hashes of the
// tenant id and a row number, so every statement computes the ids it links without a join.
import { randomUUID } from 'node:crypto';

import { sql } from 'drizzle-orm';

import { normalizeName } from '../../src/domain/names.js';
import { queryRows, type Store } from '../../src/store/database.js';
import { stopwatch } from './measure.js';

export const HOT_ACCOUNT_NAME = 'Globex Corporation';
export const HOT_ACCOUNT_CONTACTS = 2_000;
// Each manager has up to this many direct reports, so a 2,000-person account is 5 levels deep.
export const SPAN_OF_CONTROL = 5;

const FULL_SIZE = { accounts: 5_000, contacts: 250_000, members: 1_000, relationships: 1_000_000, structureLinks: 500_000 };

const FIRST_NAMES = ['Alice', 'Bruno', 'Chloé', 'David', 'Emma', 'Farid', 'Gaëlle', 'Hugo', 'Inès', 'Jules', 'Karim', 'Léa', 'Mathis', 'Nora', 'Oscar', 'Paula', 'Quentin', 'Rose', 'Samir', 'Tess', 'Ugo', 'Victoire', 'William', 'Yasmine', 'Zoé', 'Adam', 'Brigitte', 'Cyril', 'Diane', 'Eliott', 'Fanny', 'Gabriel', 'Hélène', 'Ivan', 'Jeanne', 'Kevin', 'Laura', 'Marc', 'Nina', 'Olivier'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'Andre', 'Lefevre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'Francois', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guerin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clement', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin'];
const TITLES = ['Chief Executive Officer', 'Chief Financial Officer', 'Chief Information Officer', 'Head of Procurement', 'IT Director', 'Finance Director', 'Operations Manager', 'Product Manager', 'Buyer', 'Analyst', 'Engineer', 'Legal Counsel'];
const DEPARTMENTS = ['Executive', 'Finance', 'IT', 'Procurement', 'Operations', 'Legal', 'Sales'];

export interface BenchTenant {
  tenantId: string;
  scale: number;
  hotAccount: { id: string; name: string };
  /** Rows actually written, read back from the tables. */
  counts: Record<'accounts' | 'contacts' | 'members' | 'relationships' | 'reportingLines' | 'influenceLinks', number>;
  /** Seconds each generation step took. */
  steps: Array<{ step: string; seconds: number }>;
}

/** Row numbers of the generated tenant at a scale from 0.01 to 1. */
export function tenantSize(scale: number) {
  const size = (full: number) => Math.max(1, Math.round(full * scale));
  const accounts = size(FULL_SIZE.accounts);
  const contacts = Math.max(size(FULL_SIZE.contacts), HOT_ACCOUNT_CONTACTS + 2 * (accounts - 1));
  return { accounts, contacts, members: size(FULL_SIZE.members), relationships: size(FULL_SIZE.relationships), structureLinks: size(FULL_SIZE.structureLinks) };
}

// Names by ordinal in the account, so the 2,000 people of the hot account all have different names.
const personName = (first: string[], last: string[]) =>
  `(${textArray(first)})[1 + (ordinal % ${first.length})] || ' ' || (${textArray(last)})[1 + ((ordinal / ${first.length}) % ${last.length})]`;

const textArray = (values: string[]) => `array[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',')}]`;
// A fixed pseudo-random number from 0 to 2^31 - 2 for each row number (multiplicative hashing).
const hash = (expression: string) => `((${expression})::bigint * 48271 % 2147483647)`;

/** Builds the generation statements; each one reads the tenant's seed and sizes from the literals. */
function generationSteps(tenantId: string, scale: number): Array<{ step: string; statement: string }> {
  const n = tenantSize(scale);
  const id = (kind: string, number: string) => `md5('${tenantId}:${kind}:' || (${number}))::uuid`;
  const otherAccounts = n.accounts - 1;
  const baseSize = Math.floor((n.contacts - HOT_ACCOUNT_CONTACTS) / Math.max(1, otherAccounts));
  const largerAccounts = n.contacts - HOT_ACCOUNT_CONTACTS - baseSize * otherAccounts;
  // Contacts numbered 1 + 5q, 2 + 5q and 3 + 5q are known to members; the others only through the structure.
  const knownContacts = Math.floor(n.contacts / 5) * 3 + Math.min(n.contacts % 5, 3);
  const relationshipsPerContact = Math.ceil(n.relationships / knownContacts);
  const memberStride = Math.floor(n.members / relationshipsPerContact);
  if (memberStride < 1) throw new Error(`scale ${scale} asks for more relationships per contact than there are members`);

  return [
    {
      step: 'members',
      statement: `insert into members (id, tenant_id, name, normalized_name, email, role)
        select ${id('m', 'm')}, '${tenantId}', 'Seller ' || lpad(m::text, 4, '0'), 'seller ' || lpad(m::text, 4, '0'),
               'seller' || lpad(m::text, 4, '0') || '@bench.example', 'Account executive'
        from generate_series(1, ${n.members}) m`,
    },
    {
      step: 'accounts',
      statement: `insert into accounts (id, tenant_id, name, normalized_name)
        select ${id('a', 'a')}, '${tenantId}',
               case when a = 1 then '${HOT_ACCOUNT_NAME}' else 'Company ' || lpad(a::text, 5, '0') end,
               case when a = 1 then '${HOT_ACCOUNT_NAME.toLowerCase()}' else 'company ' || lpad(a::text, 5, '0') end
        from generate_series(1, ${n.accounts}) a`,
    },
    {
      step: 'contact slots',
      // One row per contact: its number, its account, its ordinal inside the account (0 is the head).
      statement: `create temporary table bench_slots on commit drop as
        with sizes as (
          select a as account_number,
                 case when a = 1 then ${HOT_ACCOUNT_CONTACTS} else ${baseSize} + case when a - 2 < ${largerAccounts} then 1 else 0 end end as size
          from generate_series(1, ${n.accounts}) a
        ), firsts as (
          select account_number, size, sum(size) over (order by account_number) - size + 1 as first_number from sizes
        )
        select (first_number + ordinal)::int as number, account_number, ordinal, size
        from firsts, generate_series(0, size - 1) ordinal`,
    },
    {
      step: 'contacts',
      statement: `insert into contacts (id, tenant_id, account_id, name, normalized_name, title, department, email, seniority, source, external_ref)
        select ${id('c', 'number')}, '${tenantId}', ${id('a', 'account_number')}, full_name, normalized_name, title, department,
               'c' || number || '@company' || account_number || '.example',
               case when ordinal = 0 then 'Executive' when ordinal <= ${SPAN_OF_CONTROL + SPAN_OF_CONTROL ** 2} then 'Senior' else 'Junior' end,
               'import', 'C' || number
        from (
          select number, account_number, ordinal,
                 ${personName(FIRST_NAMES, LAST_NAMES)} as full_name,
                 ${personName(FIRST_NAMES.map(normalizeName), LAST_NAMES.map(normalizeName))} as normalized_name,
                 (${textArray(TITLES)})[1 + least(ordinal, ${hash('number')} % ${TITLES.length})] as title,
                 (${textArray(DEPARTMENTS)})[1 + ${hash('number + 7')} % ${DEPARTMENTS.length}] as department
          from bench_slots
        ) named`,
    },
    {
      step: 'relationships',
      statement: `insert into relationships (id, tenant_id, member_id, contact_id, strength, kind, last_contact_on, source, visibility)
        select ${id('r', 'g')}, '${tenantId}',
               ${id('m', `((q * 7919) % ${n.members} + k * ${memberStride}) % ${n.members} + 1`)},
               ${id('c', '(q / 3) * 5 + q % 3 + 1')},
               1 + ${hash('g')} % 5,
               (array['work','work','work','former_colleague','social','introduced'])[1 + ${hash('g + 3')} % 6],
               case when ${hash('g + 5')} % 20 = 0 then null else date '2026-11-30' - (${hash('g + 11')} % 1000)::int end,
               'import',
               case when ${hash('g + 13')} % 100 < 3 then 'private' when ${hash('g + 13')} % 100 < 10 then 'deal_team' else 'tenant' end
        from (select g, g % ${knownContacts} as q, g / ${knownContacts} as k from generate_series(0, ${n.relationships - 1}) g) spread`,
    },
    {
      step: 'reporting lines',
      // Ordinal r reports to ordinal (r - 1) / 5 of the same account; number - ordinal is the account's first number.
      statement: `insert into reporting_lines (tenant_id, contact_id, manager_id, source)
        select '${tenantId}', ${id('c', 'number')}, ${id('c', `number - ordinal + (ordinal - 1) / ${SPAN_OF_CONTROL}`)}, 'import'
        from bench_slots where ordinal > 0`,
    },
    {
      step: 'influence links',
      // The links left of the structure budget once reporting lines are counted: one or more per contact.
      statement: `insert into influence_links (tenant_id, from_contact_id, to_contact_id, weight, kind, source)
        select '${tenantId}', ${id('c', 'number')},
               ${id('c', `number - ordinal + (ordinal + 1 + ${hash('number + k * 31')} % (size - 1)) % size`)},
               (10 + ${hash('number + 17')} % 90) / 100.0,
               (array['informal','sponsor','blocker','mentor'])[1 + k % 4], 'import'
        from bench_slots, generate_series(0, ${Math.ceil(n.structureLinks / n.contacts)}) k
        where size > 1 and k * ${n.contacts} + number <= ${n.structureLinks} - (select count(*) from bench_slots where ordinal > 0)`,
    },
  ];
}

/** Creates a tenant and fills it; returns where the hot account is and what was written. */
export async function generateTenant(store: Store, scale: number, report: (line: string) => void): Promise<BenchTenant> {
  const tenantId = randomUUID();
  await store.db.execute(sql`insert into tenants (id, external_key, name) values (${tenantId}, ${`bench:${tenantId}`}, 'Benchmark tenant')`);

  const steps: BenchTenant['steps'] = [];
  // One transaction: the temporary slot table lives on one connection and is dropped at commit.
  await store.db.transaction(async (tx) => {
    for (const { step, statement } of generationSteps(tenantId, scale)) {
      const { ms } = await stopwatch(() => tx.execute(sql.raw(statement)));
      steps.push({ step, seconds: ms / 1000 });
      report(`  generated ${step} in ${(ms / 1000).toFixed(1)} s`);
    }
  });
  // VACUUM sets the visibility map as well, so the read queries' index-only scans skip the heap,
  // as they would on a tenant that autovacuum has caught up with.
  const { ms } = await stopwatch(() => store.db.execute(sql`vacuum analyze`));
  steps.push({ step: 'vacuum analyze', seconds: ms / 1000 });

  const counts = await countRows(store, tenantId);
  const [hot] = await queryRows<{ id: string }>(store.db, sql`select id from accounts where tenant_id = ${tenantId} and name = ${HOT_ACCOUNT_NAME}`);
  return { tenantId, scale, hotAccount: { id: hot!.id, name: HOT_ACCOUNT_NAME }, counts, steps };
}

async function countRows(store: Store, tenantId: string): Promise<BenchTenant['counts']> {
  const [row] = await queryRows<Record<string, number | string>>(
    store.db,
    sql`select
      (select count(*) from accounts where tenant_id = ${tenantId}) as accounts,
      (select count(*) from contacts where tenant_id = ${tenantId}) as contacts,
      (select count(*) from members where tenant_id = ${tenantId}) as members,
      (select count(*) from relationships where tenant_id = ${tenantId}) as relationships,
      (select count(*) from reporting_lines where tenant_id = ${tenantId}) as "reportingLines",
      (select count(*) from influence_links where tenant_id = ${tenantId}) as "influenceLinks"`,
  );
  // postgres.js returns count(*) as a string, PGlite as a number.
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)])) as BenchTenant['counts'];
}
