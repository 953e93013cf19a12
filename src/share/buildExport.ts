import type { ArtifactRecord } from '../core/artifacts/artifactRecord';
import { StudioError } from '../core/errors/studioError';
import type { EventDraft } from '../core/events/eventMap';
import { type Sha256 } from '../core/events/hashChain';
import { sealEvents } from '../core/log/sealEvents';
import { openSoundLog } from '../core/log/openLog';
import type { EventRecord, StoredEvent } from '../core/events/storedEvent';
import type { ProjectId } from '../core/ids';
import { defaultSettings, foldAllDefinitions } from '../core/project/projectState';
import { artifactUses } from './artifactRefs';
import { foldAllFlowTests } from '../core/flowTests/flowTestsState';
import { CURRENT_EXPORT_VERSION, EXPORT_FORMAT, type ExportContents } from './exportFormat';
import { signExport, type ExportSignature, type ExportSigner } from './signature';

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof CURRENT_EXPORT_VERSION;
  exportedAt: number;
  contents: ExportContents;
  project: { projectId: string; name: string; head: { seq: number; hash: string } | null };
  /** Records as stored: each keeps the version of its type it was written with. */
  events: EventRecord[];
  artifacts: ArtifactRecord[];
  signature: ExportSignature | null;
}

/**
 * Builds the export of one project's log. `everything` carries the log's records exactly as stored
 * (so its chain verifies against the original hashes, whatever versions they were written at) and
 * every artifact an event points at. `definitions`
 * carries the models and flows as they are now, as a fresh, short log sealed at export time: no
 * runs, no edit history, and so no seq references into a history the file does not hold.
 * With a signer, the document is signed last, over what it ended up holding.
 */
export async function buildExport(args: {
  records: readonly EventRecord[];
  readArtifacts: (hashes: string[]) => Promise<Array<ArtifactRecord | undefined>>;
  contents: ExportContents;
  now: number;
  sha256: Sha256;
  signer?: ExportSigner;
}): Promise<ExportDocument> {
  const { events: decoded } = await openSoundLog(args.records, args.sha256);
  const first = decoded[0];
  if (first?.type !== 'project.created')
    throw new StudioError(
      'not-found',
      'This project has no log to export yet.',
      'Wait until it has opened, then try again.',
    );
  const projectId = first.data.projectId;
  const defs = foldAllDefinitions(decoded);
  const events: EventRecord[] =
    args.contents === 'everything'
      ? [...args.records]
      : await sealEvents({
          projectId,
          head: null,
          drafts: definitionDrafts(projectId, decoded),
          now: args.now,
          sha256: args.sha256,
        });
  const artifacts = args.contents === 'everything' ? await collectArtifacts(decoded, args.readArtifacts) : [];
  const last = events.at(-1);
  const doc: ExportDocument = {
    format: EXPORT_FORMAT,
    version: CURRENT_EXPORT_VERSION,
    exportedAt: args.now,
    contents: args.contents,
    project: { projectId, name: defs.name, head: last ? { seq: last.seq, hash: last.hash } : null },
    events,
    artifacts,
    signature: null,
  };
  return args.signer ? { ...doc, signature: await signExport(doc, args.signer) } : doc;
}

/** The drafts that rebuild the current definitions from nothing: project, extensions, models, flows, steps, edges, settings, flow tests. */
function definitionDrafts(projectId: ProjectId, log: readonly StoredEvent[]): EventDraft[] {
  const defs = foldAllDefinitions(log);
  const drafts: EventDraft[] = [{ type: 'project.created', data: { projectId, name: defs.name } }];
  // The extensions first, manifest and code as installed (so their hashes hold), before the models of their kinds.
  for (const extension of defs.extensions.values()) {
    const { extensionId, version, hash, manifest, code } = extension;
    drafts.push({
      type: 'extension.registered',
      data: { extensionId, version, hash, manifest: manifest as never, code },
    });
    if (!extension.enabled) drafts.push({ type: 'extension.disabled', data: { extensionId } });
  }
  for (const model of defs.models.values()) drafts.push({ type: 'model.saved', data: { model } });
  for (const flow of defs.flows.values()) {
    drafts.push({ type: 'flow.created', data: { flowId: flow.flowId, name: flow.name } });
    for (const step of flow.steps.values()) {
      drafts.push({
        type: 'step.added',
        data: {
          flowId: flow.flowId,
          stepId: step.stepId,
          modelId: step.modelId,
          label: step.label,
          position: step.position,
        },
      });
      // A step's settings (map, join, retry, fallbacks, policy) are part of what it does.
      if (step.settings)
        drafts.push({
          type: 'step.configured',
          data: { flowId: flow.flowId, stepId: step.stepId, settings: step.settings },
        });
    }
    for (const edge of flow.edges.values()) drafts.push({ type: 'edge.added', data: { flowId: flow.flowId, ...edge } });
  }
  if (defs.policies)
    drafts.push({ type: 'policies.saved', data: { source: defs.policies.source, document: defs.policies.document } });
  if (defs.settings.autoContinue !== defaultSettings.autoContinue)
    drafts.push({ type: 'settings.saved', data: { ...defs.settings } });
  // Flow tests are definitions too (a team shares them to gate changes); their results are history and stay behind.
  for (const test of foldAllFlowTests(log).tests.values()) drafts.push({ type: 'flowTest.saved', data: { test } });
  return drafts;
}

async function collectArtifacts(
  events: readonly StoredEvent[],
  read: (hashes: string[]) => Promise<Array<ArtifactRecord | undefined>>,
): Promise<ArtifactRecord[]> {
  const hashes = [...new Set(events.flatMap((e) => artifactUses(e).map((use) => use.hash)))];
  const records = await read(hashes);
  const missing = hashes.filter((_, i) => records[i] === undefined);
  if (missing.length > 0) {
    throw new StudioError(
      'not-found',
      `${missing.length} artifact${missing.length === 1 ? '' : 's'} the log points at ${missing.length === 1 ? 'is' : 'are'} missing from this browser’s storage, so the export would not replay.`,
      'Export “definitions only” instead.',
    );
  }
  return records as ArtifactRecord[];
}

/** The document as the file's text: compact JSON (exports are for machines; the studio shows them). */
export const exportText = (doc: ExportDocument): string => JSON.stringify(doc);
