import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandoffTask } from '../../core/handoff/handoffSchemas';
import type { WorkDone } from './runScriptContract';

const MAX_CAPTURE = 200_000;

/** The command line for a task: `{task}` replaced by the task file's path (quoted), else appended. */
export function commandFor(template: string, taskPath: string): string {
  const quoted = `'${taskPath.replace(/'/g, `'\\''`)}'`;
  return template.includes('{task}') ? template.split('{task}').join(quoted) : `${template} ${quoted}`;
}

/**
 * Runs a person's command for a task (`claude -p`, `codex exec`, a script) in the workspace. Its
 * standard output is the explanation, its exit code the status; it may fill output ports by
 * writing `{ "<port>": value }` as JSON to the file $HANDOFF_OUTPUTS names (outside the workspace,
 * so it is not a change), else every output port gets its standard output. It is killed (with its
 * process group) at the task's timeout.
 */
export async function runCommandContract(
  template: string,
  task: HandoffTask,
  taskPath: string,
  workspace: string,
): Promise<WorkDone> {
  const scratch = await mkdtemp(join(tmpdir(), 'handoff-outputs-'));
  const outputsPath = join(scratch, 'outputs.json');
  try {
    const run = await execute(commandFor(template, taskPath), workspace, task.timeout_seconds * 1000, {
      HANDOFF_TASK: taskPath,
      HANDOFF_OUTPUTS: outputsPath,
      HANDOFF_WORKSPACE: workspace,
    });
    const explanation = `$ ${commandFor(template, taskPath)}\n\n${run.stdout}${run.stderr ? `\n--- stderr ---\n${run.stderr}` : ''}`;
    if (run.timedOut)
      return {
        ok: false,
        outputs: {},
        summary: `The command did not finish within ${task.timeout_seconds} s.`,
        explanation,
      };
    if (run.code !== 0)
      return {
        ok: false,
        outputs: {},
        summary: `The command exited with code ${run.code ?? run.signal}.`,
        explanation,
      };
    let outputs: Record<string, unknown>;
    const written = await readFile(outputsPath, 'utf8').catch(() => null);
    if (written !== null) {
      try {
        outputs = JSON.parse(written) as Record<string, unknown>;
      } catch {
        return { ok: false, outputs: {}, summary: 'The command wrote $HANDOFF_OUTPUTS, but not as JSON.', explanation };
      }
    } else outputs = Object.fromEntries(task.outputs.map((port) => [port, run.stdout.trim()]));
    return { ok: true, outputs, summary: `The command finished (exit 0).`, explanation };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

interface Finished {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function execute(command: string, cwd: string, timeoutMs: number, env: Record<string, string>): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd, shell: true, detached: true, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString('utf8')).slice(-MAX_CAPTURE)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-MAX_CAPTURE)));
    const timer = setTimeout(() => {
      timedOut = true;
      // The shell's whole process group: a worker the command started must not outlive the task.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 127, signal: null, stdout, stderr: `${stderr}${error.message}`, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
