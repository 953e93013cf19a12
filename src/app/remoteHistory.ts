import type { Command } from '../core/conductor/commands';
import { StudioError } from '../core/errors/studioError';
import { defaultEventCodec } from '../core/log/studioEventCodec';
import type { ProjectId } from '../core/ids';
import { sha256 } from '../runtime/sha256';
import { artifactUses } from '../share/artifactRefs';
import { prepareImport } from '../share/prepareImport';
import { shortFingerprint } from '../share/signature';

const HINT = 'Nothing was written. Check that the runner is the one you started the run on, then try again.';

/**
 * Turns a runner's signed export into the command that brings one of its runs into this project's
 * log, checking everything first: the remote log's hash chain over its records as stored, every
 * artifact's hash, and the signature, which must be valid and made by the key of the runner the run
 * was started on (`fingerprint`, pinned when it started). Any failure throws before anything is
 * written; the conductor then re-seals the run's events onto the local chain (planRemoteImport).
 */
export async function remoteRunImport(
  exportText: string,
  runId: string,
  runner: { url: string; fingerprint: string },
): Promise<Extract<Command, { type: 'importRemoteRun' }>> {
  // The copy's project id is never written: prepareImport is used for its checks, and re-seals.
  const plan = await prepareImport(exportText, {
    sha256,
    subtle: crypto.subtle,
    newProjectId: 'remote_check' as ProjectId,
    takenNames: [],
    now: Date.now(),
  });
  const signature = plan.signature;
  if (signature.kind === 'not-signed')
    throw new StudioError(
      'chain-broken',
      'The runner’s history of this run is not signed, so the studio cannot tell it came from that runner.',
      HINT,
    );
  if (signature.fingerprint !== runner.fingerprint) {
    throw new StudioError(
      'chain-broken',
      `The runner’s history of this run is signed by key ${shortFingerprint(signature.fingerprint)}, not by the key of the runner it was started on (${shortFingerprint(runner.fingerprint)}).`,
      HINT,
    );
  }
  const doc = JSON.parse(exportText) as {
    exportedAt: number;
    project: { projectId: string; head: { seq: number; hash: string } };
    signature: { alg: string; publicKey: string; value: string };
  };
  const events = plan.events.map((record) => defaultEventCodec.decode(record)).filter((e) => e.runId === runId);
  if (events.length === 0) throw new StudioError('not-found', 'The runner’s history has no events of this run.', HINT);
  const used = new Set(events.flatMap((e) => artifactUses(e).map((use) => use.hash)));
  return {
    type: 'importRemoteRun',
    runId,
    events: events.map(({ seq, ts, type, data }) => ({ seq, ts, type, data })),
    artifacts: plan.artifacts.filter((a) => used.has(a.hash)),
    source: {
      runner: runner.url,
      remoteProject: doc.project.projectId,
      remoteHead: doc.project.head,
      exportedAt: doc.exportedAt,
      signature: doc.signature,
      fingerprint: signature.fingerprint,
    },
  };
}
