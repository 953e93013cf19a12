import { canonicalJson } from '../../events/canonicalJson';
import { DEFAULT_THRESHOLDS, scoreConfidence } from '../../handoff/handoffConfidence';
import { HandoffDesk, type TaskStanding, type WrittenTask } from '../../handoff/handoffDesk';
import { handoffHistory } from '../../handoff/handoffHistory';
import { inputFile, taskIdFor, type ForkPlace } from '../../handoff/handoffLayout';
import { TASK_SCHEMA_ID, type HandoffTask } from '../../handoff/handoffSchemas';
import { isoFromMs } from '../../handoff/isoTime';
import { signTask } from '../../handoff/taskChecksum';
import type { AgentWork, AgentWorkContext } from '../kindModule';
import type { HandoffModel } from './handoffSchema';

/** Inputs up to this size travel inside the task; larger ones go to `inputs/` beside it. */
const INLINE_INPUT_CHARS = 64_000;

/** `{{port}}` replaced by that input (text as is, anything else as JSON). */
export function fillInstruction(template: string, inputs: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g, (whole, port: string) => {
    if (!Object.hasOwn(inputs, port)) return whole;
    const value = inputs[port];
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

const stepLabelOf = (goal: string): string => /“(.+)”/.exec(goal)?.[1] ?? goal;

/**
 * A handoff step's work: score the model's confidence, write the task, and wait (as the host says
 * when to look again) until the desk has a verdict. Accepted outputs are emitted as the step's
 * outputs; the explanation and provenance go into the attempt's log lines. Every refusal is a
 * sentence with its error code; nothing partial is emitted.
 */
export async function runHandoffStep(model: HandoffModel, ctx: AgentWorkContext): Promise<AgentWork> {
  const host = ctx.ports.handoff;
  const logs: string[] = [];
  const fail = (reason: string, errorClass: 'bad-request' | 'invalid-output' | 'timeout' | 'script-error') =>
    ({ ok: false, reason, errorClass, logs, durationMs: host ? host.now() - started : 0 }) as const;
  const started = host?.now() ?? 0;
  if (!host)
    return fail(
      'there is no handoff folder here for its task: run the flow on a runner started with RUNNER_HANDOFF_DIR (the folder your executors watch).',
      'bad-request',
    );
  const desk = new HandoffDesk(host.folder, ctx.ports.sha256);
  const place: ForkPlace = { plan: ctx.runId, fork: ctx.runId };
  const history = await handoffHistory(host.folder, ctx.ports.sha256, model.name);
  const confidence = scoreConfidence(history, host.thresholds ?? DEFAULT_THRESHOLDS);
  const taskId = taskIdFor(await desk.nextTaskOrdinal(place));
  const step = stepLabelOf(ctx.spawned.goal);
  if (confidence.level === 'low') {
    await desk.audit(place, {
      at: isoFromMs(host.now()),
      event: 'task.held',
      task_id: taskId,
      actor: 'conductor',
      step,
      model: model.name,
      detail: `Not handed off: confidence ${confidence.score} is low after ${history.length} earlier task(s) of ${model.name}.`,
    });
    return fail(
      `it was not handed off: its confidence is low (${confidence.score}) after ${history.length} earlier task(s) of “${model.name}” failed or broke the rules; a person should review the model before it runs again.`,
      'bad-request',
    );
  }
  const inputs: HandoffTask['inputs'] = {};
  const inputFiles = new Map<string, string>();
  for (const [port, value] of Object.entries(ctx.inputs)) {
    const text = canonicalJson(value);
    if (text.length <= INLINE_INPUT_CHARS) inputs[port] = { value: value as never };
    else {
      const file = inputFile(place, taskId, port);
      inputFiles.set(file, text);
      inputs[port] = { file, sha256: await ctx.ports.sha256(text) };
    }
  }
  const task = await signTask(
    {
      schema: TASK_SCHEMA_ID,
      task_id: taskId,
      plan_id: place.plan,
      fork_id: place.fork,
      step,
      contract: model.contract,
      instruction: fillInstruction(model.instruction, ctx.inputs),
      allowed_files: model.allowedFiles,
      constraints: model.constraints,
      timeout_seconds: model.timeoutSeconds,
      confidence,
      ...(model.executor !== undefined ? { executor: model.executor } : {}),
      inputs,
      outputs: model.outputs.map((p) => p.name),
      created_at: isoFromMs(host.now()),
    },
    ctx.ports.sha256,
  );
  const warning =
    confidence.level === 'medium'
      ? `Caution: confidence is medium (${confidence.score}) after ${history.length} earlier task(s) of ${model.name}.`
      : undefined;
  if (warning) logs.push(`handoff: ${warning}`);
  let written: WrittenTask = await desk.write(task, host.now(), inputFiles, model.name, warning);
  logs.push(
    `handoff: ${taskId} written to ${HandoffDesk.dirOf(place)}/pending/ (confidence ${confidence.level} ${confidence.score})`,
  );
  // Where the task stands, shown live with the working step (ephemeral, like an LLM's streaming text).
  const show = (text: string | null): void => ctx.ports.onStream?.(ctx.spawned.agentId, text);
  show(`Handed off: ${taskId} waits for an executor in ${HandoffDesk.dirOf(place)}/pending/`);
  let claimSeen = false;
  let standing: TaskStanding;
  for (;;) {
    standing = await desk.review(written, host.now(), claimSeen);
    await desk.reportStrays(place, host.now());
    if (standing.standing === 'done') break;
    if (standing.standing === 'requeued') {
      logs.push(`handoff: ${standing.by ?? 'its executor'} went silent; ${taskId} is back in pending/ once`);
      written = { ...written, requeues: written.requeues + 1, requeuedAt: host.now() };
      show(`Handed off again: ${taskId} is back in pending/ after ${standing.by ?? 'its executor'} went silent`);
      claimSeen = false;
    } else if (standing.standing === 'in_progress' && !claimSeen && standing.by !== null) {
      logs.push(`handoff: in progress by ${standing.by}`);
      show(`In progress by ${standing.by} (${taskId})`);
      claimSeen = true;
    }
    await host.nextLook();
  }
  show(null);
  const verdict = standing.verdict;
  const by = standing.by ?? 'the executor';
  if (verdict.verdict === 'rejected') {
    logs.push(`handoff: rejected (${verdict.rejection.code}): ${verdict.rejection.sentence}`);
    return fail(
      verdict.rejection.sentence,
      verdict.rejection.code === 'handoff-timeout' ? 'timeout' : 'invalid-output',
    );
  }
  if (verdict.explanation.trim() !== '')
    logs.push(
      ...verdict.explanation
        .trim()
        .split('\n')
        .map((line) => `explanation: ${line}`),
    );
  const provenance = verdict.provenance;
  if (provenance) {
    logs.push(
      `provenance: ${provenance.executor.name} ${provenance.executor.version}, ${provenance.started_at} → ${provenance.ended_at}`,
    );
    for (const file of provenance.changed_files)
      logs.push(
        `provenance: ${file.path} ${file.before?.slice(0, 12) ?? '(new)'} → ${file.after?.slice(0, 12) ?? '(deleted)'}`,
      );
  }
  if (verdict.verdict === 'failed') return fail(`${by} reported a failure: ${verdict.reason}`, 'script-error');
  logs.push(`handoff: accepted from ${by}: ${verdict.result.summary}`);
  return {
    ok: true,
    emitted: new Map(Object.entries(verdict.result.outputs)),
    logs,
    durationMs: host.now() - started,
  };
}
