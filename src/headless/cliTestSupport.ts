import { execFile } from 'node:child_process';
import { build } from 'rolldown';
import { artifactValue } from '../core/artifacts/artifactRecord';
import { defaultLimits } from '../core/conductor/conductor';
import { testFromRun } from '../core/flowTests/testFromRun';
import type { ArtifactHash, ProjectId, RunId } from '../core/ids';
import { TestStudio } from '../core/testing/testStudio';
import { templateEvents } from '../examples/templateEvents';
import type { ProjectTemplate } from '../protocol/conductorApi';
import { compileModel } from '../runtime/compileModel';
import { QuickJsAgents } from '../runtime/quickjs/quickjsAgents';
import { sha256 } from '../runtime/sha256';
import { buildExport, exportText } from '../share/buildExport';
import type { ExportSigner } from '../share/signature';

/**
 * For the CLI's tests only: build `npm run test:flows`'s bundle as package.json builds it, run it
 * as a person does (a child process), and make the files a person would hand it (a project with a
 * run saved as a flow test, exported as the studio exports).
 */

/** Bundles src/headless/runFlowTestsCli.ts to `file`, with the options of package.json's test:flows. */
export async function buildCli(file: string): Promise<void> {
  await build({
    input: 'src/headless/runFlowTestsCli.ts',
    platform: 'node',
    external: ['jsonc-parser', 'quickjs-emscripten'],
    // One file: the LLM client's lazily loaded provider adapters are inlined, not split off.
    output: { file, format: 'esm', codeSplitting: false },
    logLevel: 'warn',
  });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with `args`, with no STUDIO_KEY_* in its environment. */
export function runCli(file: string, args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file, ...args],
      { env: { PATH: process.env['PATH'] ?? '' }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A studio in Node with the real conductor and the CLI's own agent host, whose run.finished can be awaited. */
export class ExampleStudio {
  private readonly finished = new Map<string, () => void>();
  readonly studio = new TestStudio(sha256, {}, defaultLimits, undefined, {
    compile: compileModel,
    agents: new QuickJsAgents(),
    onAppended: (events) => {
      for (const e of events) if (e.type === 'run.finished' && e.runId !== undefined) this.finished.get(e.runId)?.();
    },
  });

  /** Opens a new project from one of the shipped templates, as “New project ▾” does. */
  async open(template: ProjectTemplate | null): Promise<this> {
    await this.studio.conductor.open('p_test' as ProjectId, 'Test project', (newId) =>
      template ? templateEvents(template, compileModel, newId) : [],
    );
    return this;
  }

  /** Runs a flow to its end and returns the run. */
  async run(flowId: string, input: string) {
    const runId = await this.studio.do({ type: 'startRun', flowId: flowId, input });
    const done = new Promise<void>((resolve) => this.finished.set(runId, resolve));
    if (this.studio.runs.runs.get(runId as RunId)?.status === 'running') await done;
    await this.studio.conductor.whenIdle();
    const run = this.studio.runs.runs.get(runId as RunId);
    if (!run) throw new Error('the run vanished');
    return run;
  }

  /** “Save as test” with every output of the run expected exactly, nothing pinned; returns the test's name. */
  async saveAsTest(flowId: string, input: string, name: string): Promise<string> {
    const run = await this.run(flowId, input);
    if (run.status !== 'succeeded')
      throw new Error(
        `the example's run ${run.status}: ${[...run.steps.values()].map((s) => s.reason ?? '').join(' ')}`,
      );
    const expect = [...run.steps.entries()].flatMap(([stepId, step]) =>
      Object.keys(step.outputs).map((port) => ({ stepId, port, kind: 'exact' as const })),
    );
    const read = async (hash: ArtifactHash): Promise<unknown> => {
      const record = await this.studio.artifacts.get(hash);
      if (!record) throw new Error(`artifact ${hash} is missing`);
      return artifactValue(record);
    };
    const test = await testFromRun(run, input, { name, expect, pin: [] }, read);
    await this.studio.do({ type: 'saveFlowTest', test });
    return name;
  }

  /** The project's export text, as Project ▾ → Export writes it. */
  async exportText(signer?: ExportSigner): Promise<string> {
    const doc = await buildExport({
      records: await this.studio.log.readRecords(),
      readArtifacts: (hashes) => Promise.all(hashes.map((h) => this.studio.artifacts.get(h as ArtifactHash))),
      contents: 'everything',
      now: 5_000,
      sha256,
      ...(signer ? { signer } : {}),
    });
    return exportText(doc);
  }

  get flowIds(): string[] {
    return [...this.studio.definitions.flows.keys()];
  }
}
