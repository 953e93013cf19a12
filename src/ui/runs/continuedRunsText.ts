import type { RunId } from '../../core/ids';
import type { ProjectDefinitions } from '../../core/project/projectState';
import type { RunsState } from '../../core/run/runState';
import type { RunsContinued } from '../../app/projectView';

/** A run as the Runs list names it: its number among its flow's runs, and the flow's name when there are several. */
export function runName(runs: RunsState, defs: ProjectDefinitions, runId: RunId): string {
  const flowId = runs.runs.get(runId)?.flowId;
  const number = runs.order.filter((id) => runs.runs.get(id)?.flowId === flowId).indexOf(runId) + 1;
  const flow = flowId !== undefined ? defs.flows.get(flowId) : undefined;
  return defs.flows.size > 1 && flow ? `Run ${number} of “${flow.name}”` : `Run ${number}`;
}

/** One line per hand-over: “Run 4 continued after the other tab closed.” */
export function continuedRunsText(runs: RunsState, defs: ProjectDefinitions, continued: RunsContinued): string {
  const names = continued.runIds.map((id) => runName(runs, defs, id));
  const subject = names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  return `${subject} continued after ${continued.after === 'takeover' ? 'the other tab closed' : 'the studio was reopened'}.`;
}
