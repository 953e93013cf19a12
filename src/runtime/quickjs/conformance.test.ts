import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRunner } from '../../core/conductor/ports';
import { ScriptThreads } from '../../../runner/src/scriptThreads';
import {
  comparable,
  conformanceTask,
  echoHost,
  exampleCases,
  HAND_MADE_CASES,
  type Comparable,
  type ConformanceCase,
} from './conformanceCases';
import { QuickJsAgents } from './quickjsAgents';
import { counterIds } from '../../core/ids';
import { templateEvents } from '../../examples/templateEvents';
import { compileModel } from '../compileModel';

/**
 * The agent conformance suite, QuickJS side: every case runs in the headless CLI's host (this
 * process, as `npm run test:flows` runs it) and in the runner's host (a real script thread of the
 * runner, built by rolldown as `npm run runner` builds it, so the ctx source injected into the
 * isolate is the bundled one). Both must give exactly the expected result. e2e/agentConformance.spec.ts
 * holds the browser's sandbox to the same cases.
 */

const EXPECTED_FILE = fileURLToPath(new URL('./conformanceExpected.json', import.meta.url));
const THREAD_FILE = fileURLToPath(
  new URL('../../../node_modules/.cache/conformance/scriptThread.mjs', import.meta.url),
);
const updating = process.env['CONFORMANCE_UPDATE'] === '1';
const examples = exampleCases();
const expectedExamples: Record<string, Comparable> = existsSync(EXPECTED_FILE)
  ? (JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as Record<string, Comparable>)
  : {};

const cli = new QuickJsAgents();
let runner: ScriptThreads;

beforeAll(async () => {
  await build({
    input: 'runner/src/scriptThread.ts',
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
    output: { file: THREAD_FILE, format: 'esm' },
    logLevel: 'warn',
  });
  runner = new ScriptThreads(1, THREAD_FILE);
  await runner.warm();
}, 120_000);

afterAll(async () => {
  await runner.close();
});

async function runIn(host: 'cli' | 'runner', c: ConformanceCase): Promise<Comparable> {
  const agents: AgentRunner = host === 'cli' ? cli : runner;
  return comparable(await agents.run(conformanceTask(c), c.withHost ? echoHost : undefined));
}

// Cases wait on real timers and deadlines, in two hosts: seconds on a busy machine.
describe('every host runs the hand-made agents the same way', { timeout: 30_000 }, () => {
  for (const c of HAND_MADE_CASES) {
    it(`CLI host: ${c.name}`, async () => {
      expect(await runIn('cli', c)).toEqual(c.expected);
    });
    // On the runner, ctx.fetch and ctx.llm cross from the script thread to the process thread's host.
    it(`runner host: ${c.name}`, async () => {
      expect(await runIn('runner', c)).toEqual(c.expected);
    });
  }
});

describe("every host runs the shipped examples' models the same way", { timeout: 30_000 }, () => {
  it('has a case for every script model of every example, and an expected result for each', () => {
    const shipped = (['empty', 'example', 'churn', 'venture', 'checks', 'quest'] as const).flatMap((template) => {
      const ids = counterIds();
      return templateEvents(template, compileModel, (prefix) => ids.next(prefix)).flatMap((d) =>
        d.type === 'model.saved' && d.data.model.kind === 'script' ? [`${template}: ${d.data.model.name}`] : [],
      );
    });
    expect(examples.map((c) => c.name)).toEqual(shipped);
    expect(examples.length).toBeGreaterThan(20);
    if (!updating) expect(Object.keys(expectedExamples).sort()).toEqual(examples.map((c) => c.name).sort());
  });

  for (const c of examples) {
    it(`CLI and runner hosts: ${c.name}`, async () => {
      const [inCli, inRunner] = [await runIn('cli', c), await runIn('runner', c)];
      if (updating) expectedExamples[c.name] = inCli;
      else expect(inCli).toEqual(expectedExamples[c.name]);
      expect(inRunner).toEqual(inCli);
    });
  }

  afterAll(() => {
    if (updating) writeFileSync(EXPECTED_FILE, `${JSON.stringify(expectedExamples, null, 2)}\n`);
  });
});
