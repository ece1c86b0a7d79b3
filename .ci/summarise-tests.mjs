// Prints one "name: N passed, N failed, N skipped" line per vitest JSON report, then the total.
// A test file that failed to load has no test results, so it counts as one failed test.
// Exits 1 when a report is missing or when no test ran at all.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
let missing = false;

for (const file of process.argv.slice(2)) {
  const name = path.basename(file, '.json');
  if (!existsSync(file)) {
    console.log(`${name}: no report, the test runner stopped before writing it`);
    missing = true;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const brokenFiles = report.testResults.filter((result) => result.status === 'failed' && result.assertionResults.length === 0).length;
  const counts = {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}

console.log(`total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(missing || totals.passed === 0 ? 1 : 0);
