import type { HandoffFolder } from './handoffFolder';
import { executorAnswerFor } from './executorAnswer';
import { deliverAnswer } from './executorSide';
import type { ForkPlace } from './handoffLayout';
import type { HandoffTask, UnsignedTask } from './handoffSchemas';

/** Helpers for the handoff's tests (not used by the product). A task as a test writes it: every field filled, overridable. */
export function unsignedTask(overrides: Partial<UnsignedTask> = {}): UnsignedTask {
  return {
    schema: 'conductor.handoff.task/1',
    task_id: 'step_001',
    plan_id: 'run1',
    fork_id: 'run1',
    step: 'Write hello',
    contract: 'instruction',
    instruction: 'Create hello.txt saying hi.',
    allowed_files: ['hello.txt', 'src/**'],
    constraints: ['Do NOT modify files outside allowed_files'],
    timeout_seconds: 30,
    confidence: { score: 0.85, level: 'high' },
    inputs: { topic: { value: 'greetings' } },
    outputs: ['text'],
    created_at: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Answers a claimed task as an executor would, after writing `files` into the workspace. */
export async function answerTask(
  folder: HandoffFolder,
  place: ForkPlace,
  task: HandoffTask,
  options: { files?: Record<string, string>; status?: 'completed' | 'failed'; outputs?: Record<string, unknown> } = {},
): Promise<void> {
  const changed = [];
  for (const [path, text] of Object.entries(options.files ?? {})) {
    const before = await folder.hash(path);
    await folder.write(path, text);
    changed.push({ path, before, after: await folder.hash(path) });
  }
  const answer = executorAnswerFor(task, {
    status: options.status ?? 'completed',
    outputs: (options.outputs ?? { text: 'hi' }) as Record<string, never>,
    summary: options.status === 'failed' ? 'It broke.' : 'Wrote hello.txt.',
    explanation: 'I wrote the file.',
    executor: { name: 'tester', version: '1.0.0' },
    startedAt: 1_000,
    endedAt: 2_000,
    changed,
  });
  await deliverAnswer(folder, place, answer);
}
