import {
  GraphProcessor,
  type ChartNode,
  type GraphId,
  type NodeConnection,
  type NodeId,
  type PortId,
  type Project,
  type ProjectId,
} from '@ironclad/rivet-core';
import { dagSteps, type DagShape } from './dagFixture';

/**
 * The same DAG as a Rivet project: one Code node per step, computing what the studio's trivial
 * script models compute, wired like the studio's edges.
 */
export function rivetProject(shape: DagShape): Project {
  const graphId = 'bench-dag' as GraphId;
  const nodes: ChartNode[] = [];
  const connections: NodeConnection[] = [];
  for (const s of dagSteps(shape)) {
    const id = `n${s.index}` as NodeId;
    const seed = s.layer === 0;
    nodes.push({
      id,
      type: 'code',
      title: `Step ${s.index}`,
      visualData: { x: s.layer * 260, y: s.column * 150 },
      data: {
        code: seed
          ? `return { out: { type: 'string', value: String('bench'.length) } };`
          : `return { out: { type: 'string', value: String((Number(inputs.a.value) + Number(inputs.b.value)) % 9973) } };`,
        inputNames: seed ? [] : ['a', 'b'],
        outputNames: ['out'],
      },
    });
    s.from.forEach((source, i) => {
      connections.push({
        outputNodeId: `n${source}` as NodeId,
        outputId: 'out' as PortId,
        inputNodeId: id,
        inputId: (i === 0 ? 'a' : 'b') as PortId,
      });
    });
  }
  return {
    metadata: { id: 'bench' as ProjectId, title: 'bench', description: '', mainGraphId: graphId },
    graphs: { [graphId]: { metadata: { id: graphId, name: 'dag' }, nodes, connections } },
  };
}

/** Runs the project's graph once; resolves when every node has run. Returns how many nodes ran. */
export async function runRivet(project: Project): Promise<number> {
  const processor = new GraphProcessor(project);
  let ran = 0;
  processor.on('nodeFinish', () => {
    ran += 1;
  });
  await processor.processGraph({ settings: {} });
  return ran;
}
