import type { EventDraft } from '../../src/core/events/eventMap';
import type { EdgeId, FlowId, ModelId, StepId } from '../../src/core/ids';
import type { ModelCompiler } from '../../src/core/conductor/ports';

/**
 * The graph every figure that needs a flow uses: `steps` steps in layers of `width`. A step in the
 * first layer takes the run's input; every later step joins two steps of the layer before it
 * (same column and the next one), so the graph has fan-out and fan-in, and its depth is
 * steps / width (deep chains overflow the peer engine's recursion, see README).
 */
export interface DagShape {
  steps: number;
  width: number;
}

export interface DagStep {
  index: number;
  layer: number;
  column: number;
  /** Indices of the steps feeding ports a and b; empty for the first layer. */
  from: number[];
}

export function dagSteps({ steps, width }: DagShape): DagStep[] {
  const out: DagStep[] = [];
  for (let index = 0; index < steps; index++) {
    const layer = Math.floor(index / width);
    const column = index % width;
    const from = layer === 0 ? [] : [(layer - 1) * width + column, (layer - 1) * width + ((column + 1) % width)];
    out.push({ index, layer, column, from });
  }
  return out;
}

export const SEED_SOURCE = `export default function run(ctx: { inputs: Record<string, unknown>; emit(port: string, value: unknown): void }) {
  ctx.emit('out', String(String(ctx.inputs.input).length));
}
`;
export const JOIN_SOURCE = `export default function run(ctx: { inputs: Record<string, unknown>; emit(port: string, value: unknown): void }) {
  ctx.emit('out', String((Number(ctx.inputs.a) + Number(ctx.inputs.b)) % 9973));
}
`;

export const SEED_MODEL = 'model_seed' as ModelId;
export const JOIN_MODEL = 'model_join' as ModelId;
export const DAG_FLOW = 'flow_dag' as FlowId;
export const stepIdOf = (index: number): StepId => `step_${index}` as StepId;

/** The drafts that make a project holding the DAG: two trivial script models, a flow, its steps and edges. */
export function dagDrafts(shape: DagShape, compile: ModelCompiler, spacing = { x: 260, y: 150 }): EventDraft[] {
  const model = (modelId: ModelId, name: string, inputs: string[], source: string): EventDraft => {
    const compiled = compile(source);
    if (!compiled.ok) throw new Error(`bench model ${name} does not compile: ${compiled.message}`);
    return {
      type: 'model.saved',
      data: {
        model: {
          modelId,
          kind: 'script',
          name,
          description: 'A trivial script model for the benchmarks.',
          version: 1,
          inputs: inputs.map((n) => ({ name: n, type: 'text' as const })),
          outputs: [{ name: 'out', type: 'text' as const }],
          source,
          compiled: compiled.code,
          timeoutMs: 10_000,
        },
      },
    };
  };
  const drafts: EventDraft[] = [
    model(SEED_MODEL, 'Seed', ['input'], SEED_SOURCE),
    model(JOIN_MODEL, 'Join', ['a', 'b'], JOIN_SOURCE),
    { type: 'flow.created', data: { flowId: DAG_FLOW, name: `DAG of ${shape.steps} steps` } },
  ];
  const steps = dagSteps(shape);
  for (const s of steps) {
    drafts.push({
      type: 'step.added',
      data: {
        flowId: DAG_FLOW,
        stepId: stepIdOf(s.index),
        modelId: s.layer === 0 ? SEED_MODEL : JOIN_MODEL,
        label: `Step ${s.index}`,
        position: { x: s.layer * spacing.x, y: s.column * spacing.y },
      },
    });
  }
  let edge = 0;
  for (const s of steps) {
    s.from.forEach((source, i) => {
      drafts.push({
        type: 'edge.added',
        data: {
          flowId: DAG_FLOW,
          edgeId: `edge_${edge++}` as EdgeId,
          source: { stepId: stepIdOf(source), port: 'out' },
          target: { stepId: stepIdOf(s.index), port: i === 0 ? 'a' : 'b' },
        },
      });
    });
  }
  return drafts;
}
