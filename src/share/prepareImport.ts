import {
  artifactHash,
  artifactRecordSchema,
  MAX_ARTIFACT_CHARS,
  type ArtifactRecord,
} from '../core/artifacts/artifactRecord';
import { StudioError } from '../core/errors/studioError';
import { formatIssues } from '../core/errors/formatIssues';
import type { EventDraft } from '../core/events/eventMap';
import { RUN_EVENT_TYPES } from '../core/catalogue/studioCatalogue';
import { verifyChain, type Sha256 } from '../core/events/hashChain';
import { sealEvents } from '../core/log/sealEvents';
import { defaultEventCodec } from '../core/log/studioEventCodec';
import type { EventRecord, StoredEvent } from '../core/events/storedEvent';
import type { ProjectId } from '../core/ids';
import { artifactUses } from './artifactRefs';
import { exportDocSchema, MAX_IMPORT_BYTES, type ExportContents, type ExportDoc } from './exportFormat';
import { migrateExport } from './migrations';
import { resealEvents } from './resealEvents';
import { shortFingerprint, verifyExportSignature, type SignableExport, type SignatureCrypto } from './signature';
import { judgeSigner, NO_TRUST, type SignatureVerdict, type TrustContext } from './signatureVerdict';
import { interruptImportedRuns } from './interruptImportedRuns';
import { extensionsInLog, type ImportedExtension } from './importedExtensions';

/** Everything an import writes, checked and ready: one transaction puts it all, or nothing. */
export interface ImportPlan {
  projectId: ProjectId;
  name: string;
  contents: ExportContents;
  /** The copy's records, each at the version it was written with, re-sealed under the new id. */
  events: EventRecord[];
  artifacts: ArtifactRecord[];
  runs: number;
  /** Who signed the file, said to the person before they confirm. Never a mismatch: that is refused. */
  signature: SignatureVerdict;
  /** Things a person should know that did not stop the import. */
  notices: string[];
  /** The extensions the project has at the end of its log: the person is asked to approve what they ask for. */
  extensions: ImportedExtension[];
}

export type ImportStage = 'reading' | 'checking' | 'verifying' | 'writing';

export interface PrepareImportOptions {
  sha256: Sha256;
  /** Verifies the file's signature: WebCrypto's SubtleCrypto (page or Node). */
  subtle: SignatureCrypto;
  /** This install's key and the keys the person trusts; without it every signer is “unknown”. */
  trust?: TrustContext;
  /** The id the copy gets; the original id is never reused, so an import never overwrites. */
  newProjectId: ProjectId;
  /** Names already in use in this browser: a copy of one is renamed “… (imported)”. */
  takenNames: readonly string[];
  now: number;
  onProgress?: (stage: ImportStage, done: number, total: number) => void;
}

const HINT_DAMAGED = 'Nothing was imported. Export the project again from the studio it came from.';

/** Refuses a file from its size alone, before any of it is read. */
export function checkImportSize(bytes: number, limit = MAX_IMPORT_BYTES): void {
  if (bytes > limit) {
    throw new StudioError(
      'invalid-record',
      `This file is ${formatBytes(bytes)}; the studio imports files up to ${formatBytes(limit)}.`,
      'Export the project with “definitions only”, or delete old runs before exporting.',
    );
  }
  if (bytes === 0)
    throw new StudioError(
      'invalid-record',
      'This file is empty.',
      'Pick a file the studio exported (its name ends in .conductor.json).',
    );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/**
 * The whole import check, pure and in memory: size, JSON, format version and migrations, each
 * record's envelope, the hash chain over the records exactly as stored, then each event upcast and
 * parsed (path-first errors; a newer studio's event is refused as such), every artifact's hash,
 * that every artifact an event points at is there, and the signature over the head and the
 * artifact manifest (a mismatch, or a key the person revoked, is refused). Then the log is
 * re-sealed under a new project id. Throws a StudioError
 * that says what is wrong and where; writes nothing, ever: the caller writes the returned plan.
 */
export async function prepareImport(text: string, opts: PrepareImportOptions): Promise<ImportPlan> {
  checkImportSize(text.length);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StudioError(
      'invalid-record',
      `This file is not valid JSON (${detail}).`,
      'Pick a file the studio exported (its name ends in .conductor.json).',
    );
  }
  const migrated = migrateExport(raw);
  // A signature covers the document as its studio wrote it, version included.
  const writtenVersion = (raw as { version: number }).version;
  const doc = exportDocSchema.safeParse(migrated);
  if (!doc.success)
    throw new StudioError('invalid-record', `This export is not valid. ${formatIssues(doc.error)}`, HINT_DAMAGED);
  const { project, contents } = doc.data;
  const progress = opts.onProgress ?? (() => undefined);

  progress('checking', 0, doc.data.events.length);
  const records = doc.data.events.map((rawEvent, i) => atEvent(i, () => defaultEventCodec.checkRecord(rawEvent)));
  checkRecordsBelong(records, project.projectId);
  const last = records.at(-1);
  if (!project.head || !last || project.head.seq !== last.seq || project.head.hash !== last.hash) {
    throw new StudioError(
      'chain-broken',
      `The export’s log does not end where the file says it does (event #${project.head?.seq ?? '?'}): events are missing or were added.`,
      HINT_DAMAGED,
    );
  }

  // The chain covers the records as stored; only a verified record is upcast and parsed.
  progress('verifying', 0, records.length);
  const verdict = await verifyChain(records, opts.sha256);
  if (!verdict.ok)
    throw new StudioError(
      'chain-broken',
      `The export’s event log fails its integrity check: ${verdict.reason}. The file was changed after it was exported.`,
      HINT_DAMAGED,
    );
  const events = records.map((record, i) => atEvent(i, () => defaultEventCodec.decode(record)));
  checkEventsBelong(events, project.projectId);

  const runs = events.filter((e) => e.type === 'run.started').length;
  if (contents === 'definitions' && events.some((e) => RUN_EVENT_TYPES.has(e.type))) {
    throw new StudioError(
      'invalid-record',
      'This export says it holds definitions only, but its log has runs in it.',
      HINT_DAMAGED,
    );
  }
  const notices: string[] = [];
  const artifacts = await checkArtifacts(doc.data.artifacts, events, opts.sha256, notices, (done) =>
    progress('verifying', done, doc.data.artifacts.length),
  );
  // Every artifact was parsed by checkArtifacts, so each has its hash.
  const signature = await checkSignature(
    { ...doc.data, version: writtenVersion, artifacts: doc.data.artifacts as Array<{ hash: string }> },
    opts,
  );

  const name = uniqueName(project.name, opts.takenNames);
  let copy = await resealEvents(records, opts.newProjectId, opts.sha256);
  // What the copy adds after the file's own events, sealed on top of them.
  const added: EventDraft[] = interruptImportedRuns(events);
  if (added.length > 0)
    notices.push(
      `${added.length === 1 ? 'A run was' : `${added.length} runs were`} going when the project was exported; the copy waits for you to press Resume.`,
    );
  if (name !== project.name) {
    added.push({ type: 'project.renamed', data: { name } });
    notices.push(`A project called “${project.name}” already exists, so the copy is called “${name}”.`);
  }
  if (added.length > 0) {
    const head = copy.at(-1);
    copy = [
      ...copy,
      ...(await sealEvents({
        projectId: opts.newProjectId,
        head: head ? { seq: head.seq, hash: head.hash } : null,
        drafts: added,
        now: opts.now,
        sha256: opts.sha256,
      })),
    ];
  }
  return {
    projectId: opts.newProjectId,
    name,
    contents,
    events: copy,
    artifacts,
    runs,
    signature,
    notices,
    extensions: extensionsInLog(events),
  };
}

/** The signer's verdict. Run after the chain and artifacts checked out, so the head and manifest it covers are the file's real ones. */
async function checkSignature(
  doc: SignableExport & Pick<ExportDoc, 'signature'>,
  opts: PrepareImportOptions,
): Promise<SignatureVerdict> {
  if (!doc.signature) return judgeSigner(null, opts.trust ?? NO_TRUST);
  const check = await verifyExportSignature(doc, doc.signature, opts.subtle);
  if (!check.ok) {
    const what =
      check.reason === 'mismatch'
        ? 'This file’s signature does not match its content: the file was changed after it was signed, so it is not what its signer exported.'
        : 'This file’s signature cannot be checked: the public key it names is damaged or not a P-256 key.';
    throw new StudioError('chain-broken', what, 'Nothing was imported. Ask the sender for the file again.');
  }
  const verdict = judgeSigner(
    { fingerprint: check.fingerprint, publicKey: doc.signature.publicKey },
    opts.trust ?? NO_TRUST,
  );
  if (verdict.kind === 'revoked') {
    throw new StudioError(
      'invalid-record',
      `This file is signed by a key you revoked: ${verdict.name} (key ${shortFingerprint(verdict.fingerprint)}), so it was not imported.`,
      'If you revoked that key by mistake, remove it under Project ▾ → Signing keys; the file then opens as signed by an unknown key.',
    );
  }
  return verdict;
}

/** Runs one record's check, naming the record in the error; a newer studio's event keeps its own words. */
function atEvent<T>(i: number, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof StudioError && error.code === 'newer-studio')
      throw new StudioError(
        'newer-studio',
        `This file was made by a newer studio. ${error.message}`,
        'Update the studio (reload it) to open it; nothing was imported.',
      );
    throw new StudioError(
      'invalid-record',
      `At events.${i}: ${error instanceof Error ? error.message : String(error)}`,
      HINT_DAMAGED,
    );
  }
}

function checkRecordsBelong(records: readonly EventRecord[], projectId: string): void {
  if (records[0]?.type !== 'project.created') throw notStartingRight();
  const stranger = records.findIndex((e) => e.projectId !== projectId);
  if (stranger >= 0)
    throw new StudioError(
      'invalid-record',
      `At events.${stranger}.projectId: the event belongs to another project.`,
      HINT_DAMAGED,
    );
}

function checkEventsBelong(events: readonly StoredEvent[], projectId: string): void {
  const first = events[0];
  if (first?.type !== 'project.created' || first.data.projectId !== projectId) throw notStartingRight();
}

const notStartingRight = () =>
  new StudioError(
    'invalid-record',
    'At events.0: an export’s log must start with the project.created event of its project.',
    HINT_DAMAGED,
  );

async function checkArtifacts(
  rawArtifacts: readonly unknown[],
  events: readonly StoredEvent[],
  sha256: Sha256,
  notices: string[],
  progress: (done: number) => void,
): Promise<ArtifactRecord[]> {
  const byHash = new Map<string, ArtifactRecord>();
  for (const [i, rawArtifact] of rawArtifacts.entries()) {
    const parsed = artifactRecordSchema.safeParse(rawArtifact);
    if (!parsed.success)
      throw new StudioError(
        'invalid-record',
        `At artifacts.${i}: the artifact is not valid. ${formatIssues(parsed.error)}`,
        HINT_DAMAGED,
      );
    const record = parsed.data;
    if (record.body.length > MAX_ARTIFACT_CHARS)
      throw new StudioError(
        'invalid-record',
        `At artifacts.${i}.body: the artifact is larger than the studio allows.`,
        HINT_DAMAGED,
      );
    if ((await artifactHash(record.kind, record.body, sha256)) !== record.hash) {
      throw new StudioError(
        'chain-broken',
        `At artifacts.${i}: artifact ${record.hash.slice(0, 12)}… does not match its hash: its content was changed after it was exported.`,
        HINT_DAMAGED,
      );
    }
    if (byHash.has(record.hash))
      throw new StudioError(
        'invalid-record',
        `At artifacts.${i}: artifact ${record.hash.slice(0, 12)}… appears twice.`,
        HINT_DAMAGED,
      );
    byHash.set(record.hash, record);
    if (i % 64 === 0) progress(i);
  }
  const used = new Set<string>();
  for (const event of events) {
    for (const use of artifactUses(event)) {
      used.add(use.hash);
      const record = byHash.get(use.hash);
      if (!record)
        throw new StudioError(
          'invalid-record',
          `Event #${use.seq} uses artifact ${use.hash.slice(0, 12)}…, which is not in the file.`,
          HINT_DAMAGED,
        );
      if (
        (use.kind !== undefined && use.kind !== record.kind) ||
        (use.size !== undefined && use.size !== record.body.length)
      ) {
        throw new StudioError(
          'invalid-record',
          `Event #${use.seq} describes artifact ${use.hash.slice(0, 12)}… differently from the artifact itself (kind or size).`,
          HINT_DAMAGED,
        );
      }
    }
  }
  const unused = [...byHash.keys()].filter((hash) => !used.has(hash));
  if (unused.length > 0)
    notices.push(
      `${unused.length} artifact${unused.length === 1 ? '' : 's'} in the file no event uses ${unused.length === 1 ? 'was' : 'were'} left out.`,
    );
  return [...byHash.values()].filter((record) => used.has(record.hash));
}

const IMPORTED_SUFFIX = / \(imported(?: \d+)?\)$/;

/**
 * “Name”, or “Name (imported)”, “Name (imported 2)”… when it is taken; never past the 120-character
 * label limit. A copy of a copy counts on from the original's name (“Name (imported 3)”), so the
 * suffixes never pile up as “(imported 2) (imported)”.
 */
export function uniqueName(name: string, taken: readonly string[]): string {
  const inUse = new Set(taken);
  if (!inUse.has(name)) return name;
  let base = name;
  while (IMPORTED_SUFFIX.test(base)) base = base.replace(IMPORTED_SUFFIX, '');
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`;
    const candidate = `${base.slice(0, 120 - suffix.length).trimEnd()}${suffix}`;
    if (!inUse.has(candidate)) return candidate;
  }
}
