import { webcrypto } from 'node:crypto';
import { canonicalJson } from '../../src/core/events/canonicalJson';
import { describeError } from '../../src/core/errors/studioError';
import type { EventRecord } from '../../src/core/events/storedEvent';
import type { ProjectId } from '../../src/core/ids';
import { prepareImport } from '../../src/share/prepareImport';
import type { SignatureCrypto } from '../../src/share/signature';
import { sha256 } from './nodeSha256';
import { callProject } from './ingress';

const subtle = webcrypto.subtle as unknown as SignatureCrypto;

/** Definitions a runner will not run, in the studio's words; nothing was written. */
export class DefinitionsRefused extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** An error while reading or seeding definitions, in the studio's words. */
function refusal(error: unknown): DefinitionsRefused {
  const described = describeError(error);
  if (described.code === 'internal') console.error('[runner] definitions refused by a studio bug:', error);
  return new DefinitionsRefused(described.message, described.hint ?? 'Nothing was started.');
}

/** The remote project a studio project's definitions run in: one per definitions version, so a run never mixes two. */
async function remoteKeyFor(studioProjectId: string, definitions: string): Promise<string> {
  const doc = JSON.parse(definitions) as { events?: Array<{ type?: unknown; data?: unknown }> };
  const content = (doc.events ?? []).map((e) => ({ type: e.type, data: e.data }));
  const digest = await sha256(canonicalJson(content));
  return `${studioProjectId}-${digest.slice(0, 12)}`;
}

/**
 * Checks a definitions export as the studio's import does and writes it as the first records of
 * its remote project (once: a remote project that exists already is kept as it is). Answers the
 * remote project's key and the definitions' records, re-sealed under that key.
 */
export async function seedDefinitions<T = undefined>(
  studioProjectId: string,
  definitions: string,
  /** Checks the records before anything is written; what it throws goes to the caller as is. */
  check?: (records: EventRecord[]) => T,
): Promise<{ key: string; records: EventRecord[]; checked: T | undefined }> {
  let key: string;
  try {
    key = await remoteKeyFor(studioProjectId, definitions);
  } catch {
    throw new DefinitionsRefused('The definitions are not a studio export.', 'Nothing was started.');
  }
  let plan: Awaited<ReturnType<typeof prepareImport>>;
  try {
    plan = await prepareImport(definitions, {
      sha256,
      subtle,
      newProjectId: key as ProjectId,
      takenNames: [],
      now: Date.now(),
    });
  } catch (error) {
    throw refusal(error);
  }
  if (plan.contents !== 'definitions')
    throw new DefinitionsRefused(
      'The runner takes a definitions export, not one with runs in it.',
      'Nothing was started.',
    );
  const records = plan.events;
  const checked = check?.(records);
  try {
    await callProject(key, 'seed', { records, artifacts: plan.artifacts });
  } catch (error) {
    throw refusal(error);
  }
  return { key, records, checked };
}
