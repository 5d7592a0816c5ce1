// Prints the closing "N passed, N failed" line from vitest's JSON reports (one per run).
// `--skipped FILE` names the report of a run that was deliberately not made (.ci/run skips the
// Kafka 3.9 run when the time budget is spent): the line says it was not run, and its absence is
// not counted as a failure.
// Any other missing report is a failure.
import { readFileSync } from 'node:fs';

const files = [];
const skipped = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--skipped') skipped.push(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0 && skipped.length === 0) files.push('.test-results/results.json');
let passed = 0;
let failed = 0;
let pending = 0;
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.error(`no test report at ${file}`);
    failed += 1;
    continue;
  }
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  pending += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
const notRun = skipped.length ? ` (not run: ${skipped.join(', ')})` : '';
console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}${notRun}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
