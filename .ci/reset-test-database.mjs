// Empties the Postgres test database before the suite runs on it, so CI starts from the same
// state on every machine: no tables, no recorded migrations. Only for a database named in CI.
import postgres from 'postgres';

const url = process.argv[2];
if (!url) {
  console.error('usage: node .ci/reset-test-database.mjs POSTGRES_URL');
  process.exit(2);
}

const sql = postgres(url, { max: 1, onnotice: () => {} });
try {
  await sql.unsafe('drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;');
  console.log(`reset ${new URL(url).pathname.slice(1)}: empty public schema, no recorded migrations`);
} finally {
  await sql.end({ timeout: 5 });
}
