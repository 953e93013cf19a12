import { readFileSync } from 'node:fs';
import { diffLines } from 'diff';
import { describeError } from '../core/errors/studioError';
import type { ExpectationResult } from '../core/flowTests/flowTestSchema';
import { HeadlessProject } from './headlessProject';

/**
 * `npm run test:flows -- <export file>`: runs every flow test of a project export in Node with the
 * real conductor, prints each verdict with an expected-vs-actual diff, and exits 1 when any test
 * fails (or there are none), 2 when the file cannot be opened. For a team's CI.
 */
function diffText(e: ExpectationResult): string {
  if (e.kind === 'cel') return `      predicate: ${e.expected}\n      artifact:  ${e.actual.split('\n').join('\n                 ')}`;
  return diffLines(e.expected, e.actual)
    .flatMap((part) => part.value.replace(/\n$/, '').split('\n').map((line) => `      ${part.added ? '+' : part.removed ? '-' : ' '} ${line}`))
    .join('\n');
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('Name the export to test: npm run test:flows -- my-project.conductor.json');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file} cannot be read (${(error as { code?: string }).code ?? String(error)}). Pass the path of a file the studio exported.`);
    return 2;
  }
  let project: HeadlessProject;
  try {
    project = await HeadlessProject.open(text, process.env);
  } catch (error) {
    const e = describeError(error);
    console.error(`${file}: ${e.message}${e.hint ? ` ${e.hint}` : ''}`);
    return 2;
  }
  const tests = project.tests;
  if (tests.length === 0) {
    console.error(`${file} has no flow tests. Save a run as a test in the Tests panel, then export again.`);
    return 1;
  }
  const outcomes = await project.runAll(tests);
  project.close();
  let failed = 0;
  outcomes.forEach((outcome, i) => {
    const test = tests[i];
    if (!test) return;
    if (outcome.passed) return console.log(`✓ ${test.name}`);
    failed += 1;
    if ('error' in outcome) return console.log(`✗ ${test.name}: ${outcome.error}`);
    console.log(`✗ ${test.name}${outcome.runStatus === 'succeeded' ? '' : ` (the run ${outcome.runStatus})`}`);
    for (const e of outcome.expectations) {
      if (e.passed) continue;
      console.log(`    ${project.label(test, e.stepId)} → ${e.port} (${e.kind}): ${e.message ?? 'failed'}`);
      console.log(diffText(e));
    }
  });
  console.log(`\n${tests.length - failed} of ${tests.length} flow test${tests.length === 1 ? '' : 's'} passed.`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(describeError(error).message);
    process.exit(2);
  },
);
