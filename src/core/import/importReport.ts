import type { SourceFormat } from './sourceGraph';

/** What became of one node of the file. */
export interface ReportNode {
  flow: string;
  id: string;
  name: string;
  type: string;
  /** `step`: one or more steps of real kinds; `configuration`: part of another node's step (an n8n chat model); `placeholder`: kept as it was. */
  outcome: 'step' | 'configuration' | 'placeholder';
  /** What it became (`llm model (gpt-4o-mini)`), or why it is a placeholder. */
  detail: string;
  /** For placeholders: how the summary groups it (`Slack`, `loop controller`). */
  category?: string;
  notes?: string[];
}

/** The import report: shown before anything is written, and recorded with the project. */
export interface ImportReport {
  fileName: string;
  format: SourceFormat;
  formatVersion: string;
  sha256: string;
  projectName: string;
  flows: Array<{ name: string; nodes: ReportNode[] }>;
  totals: { nodes: number; imported: number; placeholders: number; notes: number };
  /** “38 of 41 nodes imported; 3 placeholders: 2 Slack nodes, 1 loop controller”. */
  summary: string;
  /** Connections that could not become edges (they close a cycle), each a sentence. */
  cutEdges: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary line from the nodes: how many came over, and the placeholders grouped by what they are. */
export function summarise(nodes: readonly ReportNode[]): { totals: ImportReport['totals']; summary: string } {
  const placeholders = nodes.filter((n) => n.outcome === 'placeholder');
  const imported = nodes.length - placeholders.length;
  const byCategory = new Map<string, number>();
  for (const n of placeholders) byCategory.set(n.category ?? n.type, (byCategory.get(n.category ?? n.type) ?? 0) + 1);
  const groups = [...byCategory.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en'))
    .map(([category, n]) => plural(n, `${category} node`));
  const head = `${imported} of ${plural(nodes.length, 'node')} imported`;
  const summary =
    placeholders.length === 0
      ? `${head}; no placeholders.`
      : `${head}; ${plural(placeholders.length, 'placeholder')}: ${groups.join(', ')}.`;
  return { totals: { nodes: nodes.length, imported, placeholders: placeholders.length, notes: 0 }, summary };
}
