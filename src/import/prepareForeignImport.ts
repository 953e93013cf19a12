import type { EventDraft } from '../core/events/eventMap';
import type { Sha256 } from '../core/events/hashChain';
import type { ProjectId } from '../core/ids';
import type { ModelCompiler } from '../core/ports/ports';
import { importForeignFile, isForeignFileName } from '../core/import/importForeignFile';
import type { ImportReport } from '../core/import/importReport';
import { sealEvents } from '../core/log/sealEvents';
import type { ImportPlan } from '../share/prepareImport';
import { judgeSigner, NO_TRUST } from '../share/signatureVerdict';

export interface ForeignImportPrepared {
  plan: ImportPlan;
  report: ImportReport;
}

export interface PrepareForeignOptions {
  fileName: string;
  /** SHA-256 over the file's bytes as read (hex), recorded as its provenance. */
  fileSha256: string;
  sha256: Sha256;
  compile: ModelCompiler;
  newProjectId: ProjectId;
  takenNames: readonly string[];
  now: number;
  llmBaseUrl?: string;
}

/**
 * Whether a file goes to this importer rather than the studio's own: a Rivet file by its name, or
 * any other file that is not a studio export (`.conductor.json`, or JSON with a project and a log).
 */
export function isForeignFile(fileName: string, text: string): boolean {
  if (isForeignFileName(fileName)) return true;
  if (/\.conductor\.json$/i.test(fileName)) return false;
  try {
    const value = JSON.parse(text) as unknown;
    return !(value !== null && typeof value === 'object' && 'project' in value && 'events' in value);
  } catch {
    // Not JSON at all: the foreign reader says so, and also tries it as YAML (a Rivet file renamed).
    return true;
  }
}

/**
 * Another tool's file, converted and ready to write as a NEW project (never over one): its
 * events sealed under a fresh id, starting with `project.created` and the import's provenance.
 * Writes nothing; the caller writes the plan once the person pressed Import.
 */
export async function prepareForeignImport(text: string, opts: PrepareForeignOptions): Promise<ForeignImportPrepared> {
  let counter = 0;
  const prefix = opts.newProjectId.slice(-6);
  const built = importForeignFile(text, {
    fileName: opts.fileName,
    sha256: opts.fileSha256,
    compile: opts.compile,
    newId: (kind) => `${kind}_${prefix}${(++counter).toString(36)}`,
    ...(opts.llmBaseUrl !== undefined ? { llmBaseUrl: opts.llmBaseUrl } : {}),
  });
  const name = uniqueName(built.report.projectName, opts.takenNames);
  const drafts: EventDraft[] = [
    { type: 'project.created', data: { projectId: opts.newProjectId, name } },
    {
      type: 'project.imported',
      data: {
        fileName: opts.fileName.slice(0, 500),
        format: built.report.format,
        formatVersion: built.report.formatVersion.slice(0, 500),
        sha256: opts.fileSha256,
        summary: built.report.summary,
        steps: built.sources,
      },
    },
    ...built.drafts,
  ];
  const events = await sealEvents({
    projectId: opts.newProjectId,
    head: null,
    drafts,
    now: opts.now,
    sha256: opts.sha256,
  });
  return {
    report: { ...built.report, projectName: name },
    plan: {
      projectId: opts.newProjectId,
      name,
      contents: 'definitions',
      events,
      artifacts: [],
      runs: 0,
      signature: judgeSigner(null, NO_TRUST),
      notices: [built.report.summary],
      extensions: [],
    },
  };
}

function uniqueName(name: string, taken: readonly string[]): string {
  const base = (name.trim() || 'Imported project').slice(0, 100);
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base} (${i})`)) return `${base} (${i})`;
}
