import { readFileSync } from 'node:fs';
import { diffLines } from 'diff';
import { describeError } from '../core/errors/studioError';
import type { ExpectationResult } from '../core/flowTests/flowTestSchema';
import { HeadlessProject } from './headlessProject';
import { refusalWithoutFlag, verdictLine, verifyExport, type VerifiedExport } from './verifyExport';

/**
 * `npm run test:flows -- <export file> [--allow-unsigned] [--trust <fingerprint>]`: checks the file
 * exactly as the studio's import does and prints who signed it first; then runs every flow test
 * in Node with the real conductor (script models in QuickJS isolates), prints each verdict with an
 * expected-vs-actual diff and each failed step's own sentence, and exits 1 when any test fails (or
 * there are none), 2 when the file is refused (forged, damaged, or not vouched for by a flag): then
 * no agent was started. For a team's CI, which is exactly where people run files others sent them.
 */
const USAGE = 'Usage: npm run test:flows -- <file>.conductor.json [--allow-unsigned] [--trust <fingerprint>]';

interface CliArgs {
  file: string;
  allowUnsigned: boolean;
  trust: string[];
}

function parseArgs(argv: readonly string[]): CliArgs | string {
  const args: CliArgs = { file: '', allowUnsigned: false, trust: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--allow-unsigned') args.allowUnsigned = true;
    else if (arg === '--trust' || arg.startsWith('--trust=')) {
      const value = arg === '--trust' ? argv[++i] : arg.slice('--trust='.length);
      if (!value || value.startsWith('--'))
        return `--trust needs the signer's fingerprint after it (at least its first 16 hex digits). ${USAGE}`;
      args.trust.push(value);
    } else if (arg.startsWith('--')) return `${arg} is not an option of test:flows. ${USAGE}`;
    else if (args.file) return `Name one export, not two (${args.file}, ${arg}). ${USAGE}`;
    else args.file = arg;
  }
  return args.file ? args : `Name the export to test. ${USAGE}`;
}
function diffText(e: ExpectationResult): string {
  if (e.kind === 'cel')
    return `      predicate: ${e.expected}\n      artifact:  ${e.actual.split('\n').join('\n                 ')}`;
  return diffLines(e.expected, e.actual)
    .flatMap((part) =>
      part.value
        .replace(/\n$/, '')
        .split('\n')
        .map((line) => `      ${part.added ? '+' : part.removed ? '-' : ' '} ${line}`),
    )
    .join('\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  const { file } = args;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(
      `${file} cannot be read (${(error as { code?: string }).code ?? String(error)}). Pass the path of a file the studio exported.`,
    );
    return 2;
  }
  let verified: VerifiedExport;
  try {
    verified = await verifyExport(text, args.trust);
  } catch (error) {
    const e = describeError(error);
    console.error(`${file}: ${e.message}${e.hint ? ` ${e.hint}` : ''}`);
    return 2;
  }
  console.log(verdictLine(verified.verdict));
  const refusal = refusalWithoutFlag(verified.verdict, args.allowUnsigned);
  if (refusal) {
    console.error(refusal);
    return 2;
  }
  const project = await HeadlessProject.open(verified, process.env);
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
    for (const { step, reason } of project.failedSteps(test, outcome.runId))
      console.log(`    ${step} failed: ${reason}`);
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
