import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { changedBetween, hashWorkspace } from '../../core/handoff/allowedFiles';
import { executorAnswerFor } from '../../core/handoff/executorAnswer';
import { claimTask, deliverAnswer, forksIn, pendingTaskIds } from '../../core/handoff/executorSide';
import { taskFile, type ForkPlace } from '../../core/handoff/handoffLayout';
import type { HandoffTask } from '../../core/handoff/handoffSchemas';
import { NodeHandoffFolder } from '../handoff/nodeHandoffFolder';
import { runCommandContract } from './runCommandContract';
import { runScriptContract, type WorkDone } from './runScriptContract';

/** The reference executor's version, written into every provenance it signs. */
export const EXECUTOR_VERSION = '0.1.0';

export interface ExecutorOptions {
  /** The workspace: the folder that holds `.conductor/handoff/`. */
  root: string;
  name: string;
  /** A command template; absent: the built-in `script` contract. */
  run?: string;
  /** One line per task (and a few about the executor itself). */
  say: (line: string) => void;
}

/**
 * Claims pending tasks one at a time and answers each: the work (a command or a script), the files
 * it changed (workspace hashes before and after) and the three answer files. A task that throws,
 * crashes its command or hangs fails alone; the executor goes on with the next.
 */
export class ReferenceExecutor {
  private readonly folder: NodeHandoffFolder;
  private scanning: Promise<void> | null = null;
  private again = false;

  constructor(private readonly options: ExecutorOptions) {
    this.folder = new NodeHandoffFolder(options.root);
  }

  /**
   * Looks for pending tasks and works through them. Calls while a scan is running make it look
   * once more when it ends, so a task that arrives mid-scan is never missed.
   */
  scan(): Promise<void> {
    if (this.scanning) {
      this.again = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      do {
        this.again = false;
        for (const place of await forksIn(this.folder))
          for (const id of await pendingTaskIds(this.folder, place)) await this.take(place, id);
      } while (this.again);
    })().finally(() => (this.scanning = null));
    return this.scanning;
  }

  private async take(place: ForkPlace, id: string): Promise<void> {
    const label = `plan_${place.plan}/fork_${place.fork}/${id}`;
    const claim = await claimTask(this.folder, place, id, this.options.name, Date.now());
    if (!claim.claimed) {
      if (claim.why === 'unreadable') this.options.say(`${label}: skipped, the task file does not match the contract`);
      return;
    }
    const started = Date.now();
    this.options.say(`${label}: claimed by ${this.options.name}`);
    const before = await hashWorkspace(this.folder);
    let work: WorkDone;
    try {
      work = await this.work(place, claim.task);
    } catch (error) {
      work = {
        ok: false,
        outputs: {},
        summary: `The executor could not run the task: ${String(error)}`,
        explanation: '',
      };
    }
    const changed = changedBetween(before, await hashWorkspace(this.folder));
    const answer = executorAnswerFor(claim.task, {
      status: work.ok ? 'completed' : 'failed',
      outputs: work.outputs as Record<string, never>,
      summary: work.summary,
      explanation: `# ${claim.task.step} (${id})\n\n${work.explanation}\n`,
      executor: { name: this.options.name, version: EXECUTOR_VERSION },
      startedAt: started,
      endedAt: Date.now(),
      changed,
    });
    const delivered = await deliverAnswer(this.folder, place, answer);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const files = `${changed.length} file${changed.length === 1 ? '' : 's'} changed`;
    this.options.say(
      `${label}: ${work.ok ? 'completed' : `failed (${work.summary})`} in ${seconds} s, ${files}` +
        (delivered ? '' : ' — the conductor had already given up on it'),
    );
  }

  private async work(place: ForkPlace, task: HandoffTask): Promise<WorkDone> {
    const inputs: Record<string, unknown> = {};
    for (const [port, input] of Object.entries(task.inputs)) {
      if ('value' in input) {
        inputs[port] = input.value;
        continue;
      }
      const text = await this.folder.read(input.file);
      if (text === null || createHash('sha256').update(text).digest('hex') !== input.sha256)
        return {
          ok: false,
          outputs: {},
          summary: `The input file ${input.file} is missing or changed.`,
          explanation: '',
        };
      inputs[port] = JSON.parse(text) as unknown;
    }
    if (this.options.run !== undefined) {
      const taskPath = join(this.options.root, taskFile(place, 'in_progress', task.task_id));
      return runCommandContract(this.options.run, task, taskPath, this.options.root);
    }
    if (task.contract !== 'script')
      return {
        ok: false,
        outputs: {},
        summary: 'This executor runs only script tasks: start it with --run "<command>" for instructions.',
        explanation: '',
      };
    return runScriptContract(task, inputs);
  }
}
