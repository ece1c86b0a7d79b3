// Deals for the synthetic benchmark tenant, written with set-based SQL like the tenant itself:
// open deals spread over the accounts, each with a deal team of two and a buying committee of
// six contacts of its account.
import { sql } from 'drizzle-orm';

import { queryRows, type Store } from '../../src/store/database.js';

const STAGES = ['qualification', 'discovery', 'solution', 'proposal', 'negotiation', 'closing'];
const ROLES = ['economic_buyer', 'champion', 'technical_buyer', 'decision_maker', 'influencer', 'procurement'];
const ATTITUDES = ['supporter', 'champion', 'neutral', 'sceptic', 'neutral', 'opponent'];
const INFLUENCE = ['high', 'medium', 'medium', 'high', 'low', 'low'];
export const COMMITTEE_SIZE = ROLES.length;

const textArray = (values: string[]) => sql.raw(`array[${values.map((value) => `'${value}'`).join(',')}]`);

/**
 * Adds `count` open deals named "Bench deal N" to the tenant; deal 1 is at `firstAccountId`
 * (the 2,000-contact account), the others cycle through the accounts. Returns the deal ids.
 */
export async function seedOpenDeals(store: Store, tenantId: string, count: number, firstAccountId: string): Promise<string[]> {
  await store.db.transaction(async (tx) => {
    await tx.execute(sql`
      with numbered as (select id, row_number() over (order by id) as n, count(*) over () as total from accounts where tenant_id = ${tenantId} and id <> ${firstAccountId})
      insert into deals (id, tenant_id, account_id, name, normalized_name, stage, status)
      select md5(${tenantId} || ':deal:' || d)::uuid, ${tenantId},
             case when d = 1 then ${firstAccountId}::uuid else (select id from numbered where n = 1 + (d % total)) end,
             'Bench deal ' || d, 'bench deal ' || d, (${textArray(STAGES)})[1 + d % ${STAGES.length}], 'open'
        from generate_series(1, ${count}) d`);
    await tx.execute(sql`
      with bench_deals as (select id, account_id from deals where tenant_id = ${tenantId} and normalized_name like 'bench deal %'),
           ranked as (
             select c.id as contact_id, c.account_id, row_number() over (partition by c.account_id order by md5(c.id::text)) as rank
               from contacts c where c.tenant_id = ${tenantId} and c.account_id in (select account_id from bench_deals)
           )
      insert into buying_committee_members (deal_id, contact_id, role, attitude, influence)
      select d.id, r.contact_id, (${textArray(ROLES)})[r.rank], (${textArray(ATTITUDES)})[r.rank], (${textArray(INFLUENCE)})[r.rank]
        from bench_deals d join ranked r on r.account_id = d.account_id and r.rank <= ${COMMITTEE_SIZE}`);
    await tx.execute(sql`
      with bench_deals as (select id, row_number() over (order by id) as n from deals where tenant_id = ${tenantId} and normalized_name like 'bench deal %'),
           team as (select id, row_number() over (order by id) as n, count(*) over () as total from members where tenant_id = ${tenantId})
      insert into deal_team_members (deal_id, member_id, role)
      select d.id, t.id, case when t.n = 1 + (d.n * 7) % t.total then 'account_executive' else 'sales_engineer' end
        from bench_deals d join team t on t.n in (1 + (d.n * 7) % t.total, 1 + (d.n * 13 + 1) % t.total)
      on conflict do nothing`);
  });
  await store.db.execute(sql`analyze deals`);
  const rows = await queryRows<{ id: string }>(store.db, sql`select id from deals where tenant_id = ${tenantId} and normalized_name like 'bench deal %' order by name`);
  return rows.map((row) => row.id);
}
