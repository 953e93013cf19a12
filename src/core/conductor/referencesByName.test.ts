import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { emitAll, TestStudio } from '../testing/testStudio';
import type { AgentResult } from './ports';
import type { RunState } from '../run/runState';

const hopeless = (): Promise<AgentResult> =>
  Promise.resolve({ ok: false, reason: 'bad code', logs: [], durationMs: 1, errorClass: 'server' });

async function setup() {
  const studio = await new TestStudio(sha256, {
    hopeless,
    upper: emitAll((i) => String(Object.values(i)[0]).toUpperCase()),
  }).open();
  const flowId = await studio.do({ type: 'createFlow', name: 'Main' });
  const step = (modelId: string, label: string) =>
    studio.do({ type: 'addStep', flowId, modelId, label, position: { x: 0, y: 0 } });
  return { studio, flowId, step };
}

const settingsOf = (studio: TestStudio, flowId: string, stepId: string) =>
  studio.definitions.flows.get(flowId as never)?.steps.get(stepId as never)?.settings;

describe('step settings name models and steps; the log keeps ids', () => {
  it('a fallback given by name is stored by id, and still runs after the model is renamed', async () => {
    const { studio, flowId, step } = await setup();
    const backup = await studio.model('Backup', ['in'], ['out'], 'upper');
    const primary = await step(await studio.model('Primary', ['in'], ['out'], 'hopeless'), 'Write');
    await studio.do({ type: 'configureStep', flowId, stepId: primary, settings: { fallbacks: ['Backup'] } });
    expect(settingsOf(studio, flowId, primary)).toEqual({ fallbacks: [backup] });

    await studio.do({
      type: 'saveModel',
      modelId: backup,
      name: 'Spare',
      inputs: [{ name: 'in', type: 'any' }],
      outputs: [{ name: 'out', type: 'any' }],
      source: 'upper',
    });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    const done = studio.runs.runs.get(runId as never) as RunState;
    expect(done.status).toBe('succeeded');
    expect(done.steps.get(primary as never)?.producedBy?.modelId).toBe(backup);
  });

  it('rebuild names its model and its steps by name', async () => {
    const { studio, flowId, step } = await setup();
    const spec = await step(await studio.model('Spec', ['in'], ['spec'], 'upper'), 'Spec');
    const code = await step(await studio.model('Code', ['spec'], ['code'], 'upper'), 'Write code');
    const inverse = await studio.model('Spec from code', ['code'], ['spec'], 'upper');
    await studio.do({
      type: 'configureStep',
      flowId,
      stepId: spec,
      settings: { rebuild: { model: 'Spec from code', from: [{ stepId: 'Write code', port: 'code', as: 'code' }] } },
    });
    expect(settingsOf(studio, flowId, spec)?.rebuild).toEqual({
      model: inverse,
      from: [{ stepId: code, port: 'code', as: 'code' }],
    });
  });

  it('refuses a name that matches nothing, saying where and what there is', async () => {
    const { studio, flowId, step } = await setup();
    const s = await step(await studio.model('Primary', ['in'], ['out'], 'upper'), 'Write');
    const result = await studio.try({ type: 'configureStep', flowId, stepId: s, settings: { fallbacks: ['Ghost'] } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toContain(
      'At fallbacks.0: no model is called “Ghost” (there are “Primary”)',
    );
    expect(settingsOf(studio, flowId, s)).toBeUndefined();
  });

  it('a sub-flow names its flow by name and stores the flow id', async () => {
    const { studio } = await setup();
    const inner = await studio.do({ type: 'createFlow', name: 'Checks' });
    const sub = await studio.define({
      kind: 'subflow',
      name: 'Run the checks',
      flowId: 'Checks',
      inputs: [{ name: 'in', type: 'any' }],
      outputs: [{ name: 'out', type: 'any' }],
    });
    expect(studio.definitions.models.get(sub as never)).toMatchObject({ flowId: inner });
    const refused = await studio.try({
      type: 'saveModelDefinition',
      definition: {
        kind: 'subflow',
        name: 'Nowhere',
        flowId: 'No such flow',
        inputs: [],
        outputs: [{ name: 'out', type: 'any' }],
      },
    });
    expect(!refused.ok && refused.error.message).toContain('At flowId: no flow is called “No such flow”');
  });
});
