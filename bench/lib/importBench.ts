import type { ProjectId } from '../../src/core/ids';
import { prepareForeignImport } from '../../src/import/prepareForeignImport';
import { compileModel } from '../../src/runtime/compileModel';
import { sha256 } from '../../src/runtime/sha256';
import { pause } from './stats';

export interface ImportBenchResult {
  nodes: number;
  fileChars: number;
  /** Read, convert node by node, seal as a new project's log (no storage): ms per repeat. */
  importMs: number[];
  /** JSON.parse of the same file alone: the floor any importer pays. */
  parseMs: number[];
  summary: string;
}

/**
 * A 2,000-node n8n workflow (a chain of If, Code, Edit Fields, Merge and Slack nodes, the last a
 * placeholder), as a person would drop it: how long the import takes before its report is shown.
 */
export function workflowText(nodes: number): string {
  const types = [
    [
      'n8n-nodes-base.if',
      {
        conditions: {
          conditions: [{ leftValue: '={{ $json.n }}', rightValue: 3, operator: { type: 'number', operation: 'gt' } }],
        },
      },
    ],
    ['n8n-nodes-base.code', { jsCode: 'return $input.all().map((i) => ({ json: { n: i.json.n + 1 } }));' }],
    [
      'n8n-nodes-base.set',
      {
        assignments: { assignments: [{ name: 'label', value: '=item {{ $json.n }}', type: 'string' }] },
        includeOtherFields: true,
      },
    ],
    ['n8n-nodes-base.slack', { text: 'hello' }],
  ] as const;
  const list = [
    { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
  ];
  for (let i = 1; i < nodes; i++) {
    const [type, parameters] = types[i % types.length]!;
    list.push({
      name: `Node ${i}`,
      type,
      typeVersion: 2,
      position: [i * 220, (i % 7) * 120],
      parameters: parameters,
    });
  }
  const connections: Record<string, unknown> = {};
  for (let i = 0; i < nodes - 1; i++)
    connections[list[i]!.name] = { main: [[{ node: list[i + 1]!.name, type: 'main', index: 0 }]] };
  return JSON.stringify({ name: 'Bench workflow', nodes: list, connections });
}

export async function benchImport(opts: { nodes: number; repeats: number }): Promise<ImportBenchResult> {
  const text = workflowText(opts.nodes);
  const out: ImportBenchResult = { nodes: opts.nodes, fileChars: text.length, importMs: [], parseMs: [], summary: '' };
  for (let r = 0; r < opts.repeats; r++) {
    await pause();
    const t0 = performance.now();
    JSON.parse(text);
    out.parseMs.push(performance.now() - t0);
    await pause();
    const t1 = performance.now();
    const { report } = await prepareForeignImport(text, {
      fileName: 'bench.json',
      fileSha256: await sha256(text),
      sha256,
      compile: compileModel,
      newProjectId: `p_import_bench_${r}` as ProjectId,
      takenNames: [],
      now: 0,
    });
    out.importMs.push(performance.now() - t1);
    out.summary = report.summary;
  }
  return out;
}
