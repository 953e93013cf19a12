import { expect, type Page } from '@playwright/test';
import { sealEvents } from '../../src/core/log/sealEvents';
import type { EventDraft } from '../../src/core/events/eventMap';
import type { ProjectId } from '../../src/core/ids';
import { compileModel } from '../../src/runtime/compileModel';
import { sha256 } from '../../src/runtime/sha256';
import { ProjectMenu } from '../pages/projectMenu';
import { StudioPage } from '../pages/studioPage';

/** A definitions-only export of a project built from drafts, as the studio would write it. */
export async function definitionsFile(name: string, drafts: readonly unknown[]): Promise<string> {
  const projectId = 'p_inbox_view' as ProjectId;
  const all = [{ type: 'project.created', data: { projectId, name } }, ...drafts] as EventDraft[];
  const events = await sealEvents({ projectId, head: null, drafts: all, now: Date.now(), sha256 });
  const last = events.at(-1);
  return JSON.stringify({
    format: 'conductor-studio/project',
    version: 2,
    exportedAt: Date.now(),
    contents: 'definitions',
    project: { projectId, name, head: last ? { seq: last.seq, hash: last.hash } : null },
    events,
    artifacts: [],
  });
}

export async function openProject(page: Page, drafts: readonly unknown[], name = 'Inbox view'): Promise<StudioPage> {
  const studio = await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  await menu.importFile('inbox-view.definitions.conductor.json', await definitionsFile(name, drafts));
  await expect(menu.importSignature).toContainText('Not signed');
  await menu.confirmImport();
  await expect(page.getByRole('status').filter({ hasText: `Imported “${name}”` })).toBeVisible();
  return studio;
}

export const text = (name: string) => ({ name, type: 'text' as const });
export const FLOW = 'f_main';
export const flow = { type: 'flow.created', data: { flowId: FLOW, name: 'Main' } };
export const step = (stepId: string, modelId: string, label: string, x: number, y: number) => ({
  type: 'step.added',
  data: { flowId: FLOW, stepId, modelId, label, position: { x, y } },
});
export const edge = (edgeId: string, from: string, out: string, to: string, input: string) => ({
  type: 'edge.added',
  data: { flowId: FLOW, edgeId, source: { stepId: from, port: out }, target: { stepId: to, port: input } },
});
export const configure = (stepId: string, settings: object) => ({
  type: 'step.configured',
  data: { flowId: FLOW, stepId, settings },
});

/** A script model whose body is `body`, compiled as the studio compiles a saved model. */
export function script(
  modelId: string,
  name: string,
  ports: { inputs: string[]; outputs: string[]; json?: string[] },
  body: string,
) {
  const source = `export default async function run(ctx: Ctx) {\n${body}\n}\n`;
  const compiled = compileModel(source);
  if (!compiled.ok) throw new Error(compiled.message);
  const port = (n: string) => ({ name: n, type: ports.json?.includes(n) ? ('json' as const) : ('text' as const) });
  return {
    type: 'model.saved',
    data: {
      model: {
        modelId,
        kind: 'script',
        name,
        version: 1,
        inputs: ports.inputs.map(port),
        outputs: ports.outputs.map(port),
        source,
        compiled: compiled.code,
        timeoutMs: 10_000,
      },
    },
  };
}

/**
 * “Fast step” (emits at once) then “Slow step” (waits `slowMs`, then emits “slowly done”): a run
 * with one step done and one at work for a while, to stop, reload or hand over mid-run.
 */
export function fastThenSlow(slowMs: number) {
  return [
    script('m_fast', 'Fast', { inputs: ['in'], outputs: ['out'] }, "ctx.emit('out', 'quick');"),
    script(
      'm_slow',
      'Slow',
      { inputs: ['in'], outputs: ['out'] },
      `await new Promise((r) => setTimeout(r, ${slowMs})); ctx.emit('out', 'slowly done');`,
    ),
    flow,
    step('s_fast', 'm_fast', 'Fast step', 0, 0),
    step('s_slow', 'm_slow', 'Slow step', 320, 0),
    edge('e_1', 's_fast', 'out', 's_slow', 'in'),
  ];
}
