import { StudioError } from '../errors/studioError';
import { artifactHash } from '../artifacts/artifactRecord';
import type { EventData, EventDraft } from '../events/eventMap';
import type { Sha256 } from '../events/hashChain';
import type { StoredEvent } from '../events/storedEvent';
import type { ArtifactStore } from '../ports/ports';
import type { AnyRunCommand } from './runCommands';

type ImportRemoteRun = Extract<AnyRunCommand, { type: 'importRemoteRun' }>;

const HINT = 'Nothing was written. Import the run again from the Runner panel.';

/**
 * A runner's run, brought into this log. The page has already checked the remote log's hash chain
 * and the runner's signature over it (src/app/remoteHistory.ts) and sends only that run's events,
 * decoded to today's shapes. Here they are re-sealed onto this log's chain, each keeping its own
 * time, followed by `run.imported`, which keeps what vouched for them (the remote head the
 * signature covers, the signature and the key's fingerprint). Seq references inside the run
 * (a gap's causes) are moved from the remote log's numbering to this one's: `headSeq` is this
 * log's head, and the whole batch is appended at once right after it, under the conductor's queue.
 * A run already in the log is left as it is (a second tab, or a reload, may import it too).
 */
export async function planRemoteImport(
  cmd: ImportRemoteRun,
  log: readonly StoredEvent[],
  headSeq: number,
  ports: { sha256: Sha256; artifacts: ArtifactStore },
): Promise<{ drafts: EventDraft[]; createdId?: string }> {
  if (log.some((e) => e.type === 'run.started' && e.data.runId === cmd.runId))
    return { drafts: [], createdId: cmd.runId };
  const first = cmd.events[0];
  if (first?.type !== 'run.started' || (first.data as { runId?: unknown }).runId !== cmd.runId) {
    throw new StudioError(
      'invalid-command',
      'The remote run’s history does not start with its run.started event.',
      HINT,
    );
  }
  if (cmd.events.some((e, i) => i > 0 && e.seq <= (cmd.events[i - 1]?.seq ?? -1)))
    throw new StudioError(
      'invalid-command',
      'The remote run’s events are not in the order the runner wrote them.',
      HINT,
    );
  // Content-addressed: an artifact whose body does not hash to its name is refused, as on any import.
  for (const record of cmd.artifacts) {
    if ((await artifactHash(record.kind, record.body, ports.sha256)) !== record.hash)
      throw new StudioError(
        'chain-broken',
        `Artifact ${record.hash.slice(0, 12)}… of the remote run does not match its hash.`,
        HINT,
      );
  }
  const localSeq = new Map(cmd.events.map((e, i) => [e.seq, headSeq + 1 + i]));
  const drafts = cmd.events.map(
    (e) =>
      ({
        type: e.type,
        runId: cmd.runId,
        ts: e.ts,
        data: e.type === 'gap.opened' ? renumberCauses(e.data as EventData<'gap.opened'>, localSeq) : e.data,
      }) as EventDraft,
  );
  drafts.push({ type: 'run.imported', runId: cmd.runId, data: { ...cmd.source, events: cmd.events.length } });
  for (const record of cmd.artifacts) await ports.artifacts.put(record);
  return { drafts, createdId: cmd.runId };
}

/** A cause outside the run (the remote project's definitions) has no counterpart here and is dropped. */
function renumberCauses(data: EventData<'gap.opened'>, localSeq: ReadonlyMap<number, number>): EventData<'gap.opened'> {
  return {
    ...data,
    causeSeqs: data.causeSeqs.flatMap((seq) => (localSeq.has(seq) ? [localSeq.get(seq) as number] : [])),
  };
}
