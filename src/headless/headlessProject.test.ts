import { describe, expect, it } from 'vitest';
import { sha256 } from '../runtime/sha256';
import { compileModel } from '../runtime/compileModel';
import { buildExport, exportText } from '../share/buildExport';
import { TestStudio } from '../core/testing/testStudio';
import type { StepId } from '../core/ids';
import { HeadlessProject } from './headlessProject';
import { QuickJsAgents } from '../runtime/quickjs/quickjsAgents';
import { verifyExport } from './verifyExport';

const shout = (suffix: string) =>
  `export default async function run(ctx: any) { ctx.emit('out', String(ctx.inputs.in).toUpperCase() + '${suffix}'); }`;

/** A project with an LLM step (at an address nothing answers) pinned, and a script step tested. */
async function exportWithTest(contents: 'everything' | 'definitions', suffix = '!') {
  const studio = await new TestStudio(sha256, {}, undefined, undefined, {
    compile: compileModel,
    agents: new QuickJsAgents(),
  }).open();
  const flowId = await studio.do({ type: 'createFlow', name: 'Flow' });
  const writer = await studio.define({
    kind: 'llm',
    name: 'Writer',
    baseUrl: 'http://127.0.0.1:9/v1',
    model: 'echo',
    prompt: '{{in}}',
    inputs: [{ name: 'in', type: 'text' }],
    outputs: [{ name: 'out', type: 'text' }],
  });
  const shoutId = await studio.do({
    type: 'saveModel',
    name: 'Shout',
    inputs: [{ name: 'in', type: 'text' }],
    outputs: [{ name: 'out', type: 'text' }],
    source: shout('!'),
  });
  const w = (await studio.do({ type: 'addStep', flowId, modelId: writer, position: { x: 0, y: 0 } })) as StepId;
  const s = (await studio.do({ type: 'addStep', flowId, modelId: shoutId, position: { x: 200, y: 0 } })) as StepId;
  await studio.do({ type: 'connect', flowId, source: { stepId: w, port: 'out' }, target: { stepId: s, port: 'in' } });
  await studio.do({
    type: 'saveFlowTest',
    test: {
      flowId,
      name: 'Shouts the poem',
      input: 'cats',
      expectations: [{ kind: 'exact', stepId: s, port: 'out', value: 'A POEM!' }],
      pins: [{ stepId: w, port: 'out', text: 'a poem' }],
    },
  });
  if (suffix !== '!')
    await studio.do({
      type: 'saveModel',
      modelId: shoutId,
      name: 'Shout',
      inputs: [{ name: 'in', type: 'text' }],
      outputs: [{ name: 'out', type: 'text' }],
      source: shout(suffix),
    });
  const doc = await buildExport({
    records: studio.events,
    readArtifacts: (hashes) => Promise.all(hashes.map((h) => studio.artifacts.get(h as never))),
    contents,
    now: 5_000,
    sha256,
  });
  return exportText(doc);
}

describe('flow tests headless, from an export', () => {
  it('runs a definitions export’s test with the real conductor and script code; the pinned LLM is never called', async () => {
    const project = await HeadlessProject.open(await verifyExport(await exportWithTest('definitions')));
    const outcomes = await project.runAll();
    project.close();
    expect(outcomes.map((o) => o.passed)).toEqual([true]);
    // Nothing answers at the LLM's address: had it been called, the run would have failed.
    expect(project.events.filter((e) => e.type === 'agent.spawned')).toHaveLength(1);
  });

  it('fails with expected and actual when the model changed', async () => {
    const project = await HeadlessProject.open(await verifyExport(await exportWithTest('everything', '?')));
    const [outcome] = await project.runAll();
    project.close();
    expect(outcome && 'expectations' in outcome ? outcome.expectations[0] : undefined).toMatchObject({
      passed: false,
      expected: 'A POEM!',
      actual: 'A POEM?',
    });
  });

  it('refuses a file that is not an export, in a sentence', async () => {
    await expect(verifyExport('{"format": "something else", "version": 1}')).rejects.toThrow(
      /not a Conductor Studio export/,
    );
  });
});
