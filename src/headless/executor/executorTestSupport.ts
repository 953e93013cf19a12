import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { build } from 'rolldown';

/** Builds the executor CLI as `npm run executor` does, into `file`. */
export async function buildExecutor(file: string): Promise<void> {
  await build({
    input: 'src/headless/executor/executorCli.ts',
    platform: 'node',
    external: ['quickjs-emscripten', 'chokidar', 'write-file-atomic'],
    output: { file, format: 'esm' },
    logLevel: 'warn',
  });
}

/** A running executor process and the lines it printed. */
export class ExecutorProcess {
  readonly lines: string[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private waiters: Array<() => void> = [];
  private exited = false;

  constructor(file: string, args: readonly string[]) {
    this.child = spawn(process.execPath, [file, ...args], { stdio: 'pipe' });
    let rest = '';
    this.child.stdout.on('data', (chunk: Buffer) => {
      rest += chunk.toString('utf8');
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const wake of this.waiters) wake();
    });
    this.child.stderr.on('data', (chunk: Buffer) => this.lines.push(`stderr: ${chunk.toString('utf8')}`));
    this.child.on('exit', () => {
      this.exited = true;
      for (const wake of this.waiters) wake();
    });
  }

  /** Resolves once `done(lines)` holds (checked on every line printed); rejects if the process exits first. */
  until(done: (lines: readonly string[]) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (done(this.lines)) {
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        } else if (this.exited) reject(new Error(`the executor exited:\n${this.lines.join('\n')}`));
      };
      this.waiters.push(check);
      check();
    });
  }

  /** Stops it as a person would (Ctrl-C) and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    await gone;
  }
}

/** Resolves once any of `processes` printed a line for which `done` holds, across all of them. */
export function untilAll(
  processes: readonly ExecutorProcess[],
  done: (lines: readonly string[]) => boolean,
): Promise<void> {
  return Promise.race(processes.map((p) => p.until(() => done(processes.flatMap((q) => q.lines)))));
}
