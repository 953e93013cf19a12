import type { z } from 'zod';
import type { Sha256 } from '../events/hashChain';
import type { StudioErrorCode } from '../errors/errorCatalogue';
import { changedBetween, outsideAllowed, type WorkspaceHashes } from './allowedFiles';
import {
  handoffProvenanceSchema,
  handoffResultSchema,
  handoffTaskSchema,
  type HandoffProvenance,
  type HandoffResult,
  type HandoffTask,
} from './handoffSchemas';
import { checksumHolds } from './taskChecksum';

/** Why a handed-off task's files were not believed: a stable code and a sentence for the step. */
export interface Rejection {
  code: Extract<StudioErrorCode, `handoff-${string}`>;
  sentence: string;
  /** For a violation: the files changed outside allowed_files. */
  files?: string[];
}

/** What the conductor read back from `completed/` or `failed/`. */
export interface ReturnedFiles {
  task: string | null;
  result: string | null;
  provenance: string | null;
  explanation: string | null;
}

export type Verdict =
  | {
      verdict: 'accepted';
      result: HandoffResult;
      provenance: HandoffProvenance;
      explanation: string;
      changed: string[];
    }
  | { verdict: 'failed'; reason: string; provenance: HandoffProvenance | null; explanation: string }
  | { verdict: 'rejected'; rejection: Rejection };

const reject = (code: Rejection['code'], sentence: string, files?: string[]): Verdict => ({
  verdict: 'rejected',
  rejection: files ? { code, sentence, files } : { code, sentence },
});

export const TAMPERED_SENTENCE = 'Checksum mismatch: the task was changed after it was written.';

/** The first schema problem, as `at <path>: <message>`. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not match the contract';
  const at = issue.path.length > 0 ? `at ${issue.path.join('.')}: ` : '';
  return `${at}${issue.message}`;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; why: string };
function parseFile<T>(text: string, schema: z.ZodType<T>): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, why: 'it is not JSON' };
  }
  const checked = schema.safeParse(json);
  return checked.success ? { ok: true, value: checked.data } : { ok: false, why: firstIssue(checked.error) };
}

/**
 * Whether a task file (as found in any of the four folders) is still the task the conductor wrote:
 * it parses, its checksum holds, and it is the same checksum the conductor recorded.
 */
export async function taskIntact(text: string | null, written: HandoffTask, sha256: Sha256): Promise<boolean> {
  if (text === null) return false;
  const parsed = parseFile(text, handoffTaskSchema);
  return parsed.ok && parsed.value.checksum === written.checksum && (await checksumHolds(parsed.value, sha256));
}

/**
 * Checks an executor's answer before anything of it is believed, in this order: the task is the
 * one written (checksum), the result and provenance parse against the contract and answer this
 * task, no file outside `allowed_files` changed (by the provenance's own list and by the
 * conductor's hashes of the workspace before and after; files `othersMayChange` are excused), and a completed result fills every
 * output port. The first failure is the verdict; nothing partial is ever accepted.
 */
export async function verifyReturned(
  written: HandoffTask,
  files: ReturnedFiles,
  workspace: { before: WorkspaceHashes; after: WorkspaceHashes },
  sha256: Sha256,
  othersMayChange: (path: string) => boolean = () => false,
): Promise<Verdict> {
  if (!(await taskIntact(files.task, written, sha256))) return reject('handoff-tampered', TAMPERED_SENTENCE);
  if (files.result === null) return reject('handoff-malformed', `The executor left no ${written.task_id}.result.json.`);
  const result = parseFile(files.result, handoffResultSchema);
  if (!result.ok) return reject('handoff-malformed', `${written.task_id}.result.json is not valid: ${result.why}.`);
  if (result.value.task_id !== written.task_id || result.value.task_checksum !== written.checksum)
    return reject(
      'handoff-unknown-task',
      `${written.task_id}.result.json answers a task the conductor did not write (its task_id or task_checksum differ).`,
    );
  let provenance: HandoffProvenance | null = null;
  if (files.provenance !== null) {
    const parsed = parseFile(files.provenance, handoffProvenanceSchema);
    if (!parsed.ok)
      return reject('handoff-malformed', `${written.task_id}.provenance.json is not valid: ${parsed.why}.`);
    if (parsed.value.task_id !== written.task_id)
      return reject('handoff-unknown-task', `${written.task_id}.provenance.json is about another task.`);
    provenance = parsed.value;
  }
  const seen = changedBetween(workspace.before, workspace.after).map((c) => c.path);
  const claimed = provenance?.changed_files.map((c) => c.path) ?? [];
  // A file another open task of the fork may change is that task's business (tasks run side by side).
  const outside = outsideAllowed([...seen, ...claimed], written.allowed_files).filter((p) => !othersMayChange(p));
  if (outside.length > 0)
    return reject(
      'handoff-violation',
      `The executor changed ${outside.length === 1 ? 'a file' : 'files'} outside allowed_files: ${outside.join(', ')}.`,
      outside,
    );
  const explanation = files.explanation ?? '';
  if (result.value.status === 'failed')
    return {
      verdict: 'failed',
      reason: result.value.summary || 'The executor reported a failure.',
      provenance,
      explanation,
    };
  if (provenance === null)
    return reject('handoff-malformed', `The executor left no ${written.task_id}.provenance.json.`);
  const missing = written.outputs.filter((port) => !Object.hasOwn(result.value.outputs, port));
  if (missing.length > 0)
    return reject('handoff-malformed', `${written.task_id}.result.json has no value for ${missing.join(', ')}.`);
  return {
    verdict: 'accepted',
    result: result.value,
    provenance,
    explanation,
    changed: [...new Set([...seen, ...claimed])].sort(),
  };
}
