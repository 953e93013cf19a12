import { MarkerType } from '@xyflow/react';
import type { EdgeDefinition, FlowDefinition, ProjectDefinitions } from '../../core/project/projectState';
import type { RunState, StepRunState } from '../../core/run/runState';
import {
  REBUILD_FROM_HANDLE,
  REBUILD_TO_HANDLE,
  type ArtifactEdge,
  type ReverseEdge,
  type StepNode,
  type StepNodeData,
} from './canvasTypes';
import { OVERVIEW_MIN_STEPS, STEP_WIDTH, estimateStepHeight } from './levelOfDetail';
import { estimatedHandles } from './estimatedHandles';
import { kindLabel, stepBadges } from './stepBadges';
import { kindsOf } from '../../app/kinds';

/** The reverse edges' colour: also the arrowhead's, which React Flow draws from this value. */
export const REVERSE_EDGE_COLOUR = '#c792ea';

/**
 * Projects a flow (and the run being shown) into React Flow nodes. Positions come from the log,
 * except for nodes the person is dragging right now, which keep their live position.
 */
export function buildNodes(
  flow: FlowDefinition,
  defs: ProjectDefinitions,
  run: RunState | undefined,
  previous: readonly StepNode[],
): StepNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const { from: rebuildFrom, to: rebuildTo } = rebuildEnds(flow);
  const kinds = kindsOf(defs);
  const estimate = flow.steps.size > OVERVIEW_MIN_STEPS;
  // A set, not a search of the plan per step: this runs on every event of a live run.
  const planned = new Set(run?.plan.steps.map((s) => s.stepId));
  const nodes: StepNode[] = [];
  for (const step of flow.steps.values()) {
    const model = defs.models.get(step.modelId);
    const state = planned.has(step.stepId) ? run?.steps.get(step.stepId) : undefined;
    const old = before.get(step.stepId);
    const kind = kindLabel(kinds, model);
    const data: StepNodeData = {
      label: step.label,
      modelName: model?.name ?? '',
      ...(kind ? { kind: kind.kind, kindText: kind.text } : {}),
      inputs: model?.inputs ?? [],
      outputs: model?.outputs ?? [],
      badges: stepBadges(step.settings, model?.inputs.length ?? 0, state?.status === 'running' ? state.map : undefined),
      missingModel: !model,
      ...(rebuildFrom.has(step.stepId) ? { rebuildFrom: true } : {}),
      ...(rebuildTo.has(step.stepId) ? { rebuildTo: true } : {}),
      ...(state ? runData(state) : {}),
    };
    nodes.push({
      id: step.stepId,
      type: 'step',
      position: old?.dragging ? old.position : step.position,
      // Until measured (steps out of view never are), fitView and the overview use this size.
      initialWidth: STEP_WIDTH,
      initialHeight: estimateStepHeight(Math.max(model?.inputs.length ?? 0, model?.outputs.length ?? 0)),
      selected: old?.selected ?? false,
      ...(old?.dragging ? { dragging: true } : {}),
      // React Flow measures a node once, when its element resizes; a rebuilt node object must keep
      // that measurement or its handles (and so its edges) vanish until the next resize.
      ...(old?.measured ? { measured: old.measured } : {}),
      data,
      // A big flow's steps out of view are never drawn to measure them: see estimatedHandles.
      ...(estimate && !old?.measured ? { handles: estimatedHandles(data) } : {}),
    });
  }
  return nodes;
}

/** What the shown run says about a step, for its node. */
function runData(state: StepRunState): Partial<StepNodeData> {
  const spent = state.spend.tokens > 0 || state.spend.costUsd > 0;
  const openAsk = state.status === 'asking' ? state.asks.find((a) => !a.answer) : undefined;
  return {
    status: state.status,
    ...(state.reused ? { reused: true } : {}),
    ...(state.reason !== undefined ? { reason: state.reason } : {}),
    ...(state.status === 'retrying' && state.retryAt !== undefined
      ? { retry: { attempt: state.attempts.length + 1, at: state.retryAt } }
      : {}),
    ...(openAsk ? { question: openAsk.question } : {}),
    ...(state.map ? { map: state.map } : {}),
    ...(state.confidence ? { confidence: state.confidence } : {}),
    ...(state.violations.length > 0 ? { violations: state.violations } : {}),
    ...(spent ? { spend: { tokens: state.spend.tokens, costUsd: state.spend.costUsd } } : {}),
    ...(state.producedBy?.reverse ? { rebuilt: true } : {}),
  };
}

/** Steps at the downstream (from) and upstream (to) ends of reverse edges. */
function rebuildEnds(flow: FlowDefinition): { from: Set<string>; to: Set<string> } {
  const from = new Set<string>();
  const to = new Set<string>();
  for (const step of flow.steps.values()) {
    const rebuild = step.settings?.rebuild;
    if (!rebuild) continue;
    for (const source of rebuild.from) {
      if (!flow.steps.has(source.stepId)) continue;
      from.add(source.stepId);
      to.add(step.stepId);
    }
  }
  return { from, to };
}

/** No artifact will travel this edge in the run: its source was skipped or routed elsewhere, or its target was skipped. */
function isInactive(run: RunState, { source, target }: EdgeDefinition): boolean {
  const from = run.steps.get(source.stepId);
  if (from?.outputs[source.port] !== undefined) return false;
  if (from?.status === 'skipped' || run.steps.get(target.stepId)?.status === 'skipped') return true;
  return from?.route !== undefined && from.route.taken !== source.port;
}

export function buildEdges(
  flow: FlowDefinition,
  run: RunState | undefined,
  pulses: ReadonlyMap<string, number>,
  previous: readonly ArtifactEdge[],
): ArtifactEdge[] {
  const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
  return [...flow.edges.values()].map((edge) => {
    const inactive = run !== undefined && isInactive(run, edge);
    return {
      id: edge.edgeId,
      type: 'artifact',
      source: edge.source.stepId,
      sourceHandle: edge.source.port,
      target: edge.target.stepId,
      targetHandle: edge.target.port,
      selected: selected.has(edge.edgeId),
      ariaLabel: `Edge from ${flow.steps.get(edge.source.stepId)?.label ?? '?'} ${edge.source.port} to ${flow.steps.get(edge.target.stepId)?.label ?? '?'} ${edge.target.port}${inactive ? ' (inactive)' : ''}`,
      data: {
        carrying: run?.steps.get(edge.source.stepId)?.outputs[edge.source.port] !== undefined,
        pulse: pulses.get(edge.edgeId) ?? null,
        ...(inactive ? { inactive: true } : {}),
      },
    };
  });
}

/**
 * One reverse edge per downstream artifact a rebuildable step can be reconstructed from, pointing
 * back at that step. They hang off hidden handles on top of the nodes and are only drawn: not
 * selectable, deletable or focusable, and never part of the flow's edges.
 */
export function buildReverseEdges(flow: FlowDefinition, run: RunState | undefined): ReverseEdge[] {
  const edges: ReverseEdge[] = [];
  for (const step of flow.steps.values()) {
    const rebuild = step.settings?.rebuild;
    if (!rebuild) continue;
    const used = run?.steps.get(step.stepId)?.producedBy?.reverse === true;
    for (const source of rebuild.from) {
      const from = flow.steps.get(source.stepId);
      if (!from) continue;
      edges.push({
        id: `rebuild:${step.stepId}:${source.stepId}:${source.port}`,
        type: 'reverse',
        source: source.stepId,
        sourceHandle: REBUILD_FROM_HANDLE,
        target: step.stepId,
        targetHandle: REBUILD_TO_HANDLE,
        className: 'reverse-edge',
        selectable: false,
        deletable: false,
        focusable: false,
        reconnectable: false,
        ariaRole: 'img',
        ariaLabel: `Rebuild ${step.label} from ${from.label} ${source.port}`,
        markerEnd: { type: MarkerType.ArrowClosed, color: REVERSE_EDGE_COLOUR, width: 14, height: 14 },
        data: { port: source.port, as: source.as, used },
      });
    }
  }
  return edges;
}
