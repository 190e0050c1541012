// Reads Vitest's JSON report and fails unless the `[postgres]` contract suites ran and passed.
// A green run that silently skipped Postgres would hide exactly the bugs those suites exist for.
import { readFileSync } from 'node:fs';

interface Assertion {
  fullName: string;
  status: string;
}
interface Report {
  testResults: { assertionResults: Assertion[] }[];
}

const reportPath = process.argv[2] ?? '.ci/out/vitest.json';
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
const all = report.testResults.flatMap((file) => file.assertionResults);
const postgres = all.filter((assertion) => assertion.fullName.includes('[postgres]'));
const count = (status: string, list = all) => list.filter((assertion) => assertion.status === status).length;

console.log(
  `postgres suites: ${count('passed', postgres)} passed, ${count('failed', postgres)} failed, ` +
    `${postgres.length - count('passed', postgres) - count('failed', postgres)} skipped`,
);
if (count('passed', postgres) === 0 || postgres.length !== count('passed', postgres)) {
  console.error('FAIL: PROMPTOPS_TEST_POSTGRES was set but the [postgres] suites did not all run and pass.');
  process.exit(1);
}
console.log(
  `all: ${count('passed')} passed, ${count('failed')} failed, ${all.length - count('passed') - count('failed')} skipped`,
);
