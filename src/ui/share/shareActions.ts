import { newProjectId } from '../../app/projectsIndex';
import { importTargetHere, readStoredProject } from '../../app/projectFiles';
import type { ProjectId } from '../../core/ids';
import { sha256 } from '../../runtime/sha256';
import { studioSigner, trustContext } from '../../app/signing';
import { approveExtensions } from '../../app/extensionGrants';
import { buildExport, exportText } from '../../share/buildExport';
import { exportFileName, type ExportContents } from '../../share/exportFormat';
import { checkImportSize, prepareImport, type ImportPlan, type ImportStage } from '../../share/prepareImport';
import { encodeShareLink, MAX_LINK_CHARS } from '../../share/shareLink';
import { StudioError } from '../../core/errors/studioError';

export type Progress = (stage: ImportStage | 'exporting', done: number, total: number) => void;

/** Builds the export file of a project from what is stored (works in a follower tab too), signed by this install's key. */
export async function exportProjectFile(
  projectId: string,
  contents: ExportContents,
  onProgress?: Progress,
): Promise<{ fileName: string; blob: Blob; events: number; artifacts: number }> {
  onProgress?.('exporting', 0, 1);
  const { records, readArtifacts } = await readStoredProject(projectId);
  const doc = await buildExport({
    records,
    readArtifacts,
    contents,
    now: Date.now(),
    sha256,
    signer: await studioSigner(),
  });
  onProgress?.('exporting', 1, 1);
  return {
    fileName: exportFileName(doc.project.name, contents),
    blob: new Blob([exportText(doc)], { type: 'application/json' }),
    events: doc.events.length,
    artifacts: doc.artifacts.length,
  };
}

/** Saves a blob as a download, the way a person expects a file to arrive. */
export function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Checks a file for import, writing nothing: the plan says who signed it, for the person to confirm.
 * Its size is checked from File.size before a byte is read.
 */
export async function prepareFile(file: File, onProgress?: Progress): Promise<ImportPlan> {
  checkImportSize(file.size);
  onProgress?.('reading', 0, file.size);
  const text = await file.text();
  return prepareText(text, onProgress);
}

export async function prepareText(text: string, onProgress?: Progress): Promise<ImportPlan> {
  const target = importTargetHere();
  const [takenNames, trust] = await Promise.all([target.projectNames(), trustContext()]);
  return prepareImport(text, {
    sha256,
    subtle: crypto.subtle,
    trust,
    takenNames,
    newProjectId: newProjectId() as ProjectId,
    now: Date.now(),
    ...(onProgress ? { onProgress } : {}),
  });
}

/** Writes a checked plan, once the person confirmed it: all of it in one transaction, or nothing. */
export async function writeImport(plan: ImportPlan, onProgress?: Progress): Promise<void> {
  onProgress?.('writing', 0, plan.events.length);
  await importTargetHere().write(plan);
}

/** A link that opens a copy of the project's definitions; refused when it would be too long to share. */
export async function createShareLink(projectId: string, password?: string): Promise<string> {
  const { records, readArtifacts } = await readStoredProject(projectId);
  const doc = await buildExport({
    records,
    readArtifacts,
    contents: 'definitions',
    now: Date.now(),
    sha256,
    signer: await studioSigner(),
  });
  const fragment = await encodeShareLink(exportText(doc), password);
  if (fragment.length > MAX_LINK_CHARS) {
    throw new StudioError(
      'invalid-command',
      `This project is too big for a link (${fragment.length.toLocaleString('en')} characters; links hold up to ${MAX_LINK_CHARS.toLocaleString('en')}).`,
      'Use Export… and send the file instead.',
    );
  }
  return `${location.origin}${location.pathname}${fragment}`;
}

/** The import's outcome in one sentence, with anything the person should know. */
export function describeImport(plan: ImportPlan): string {
  const what =
    plan.contents === 'definitions'
      ? 'its models and flows'
      : `${plan.runs} run${plan.runs === 1 ? '' : 's'}, ${plan.events.length} events and ${plan.artifacts.length} artifacts`;
  return [`Imported “${plan.name}” as a new project with ${what}.`, ...plan.notices].join(' ');
}

/** Approves, in this browser, the extensions an import carries: the person ticked the box in its confirm step. */
export function approveImportedExtensions(plan: ImportPlan): Promise<void> {
  return approveExtensions(
    plan.extensions.map(({ hash, extensionId, name, version }) => ({ hash, extensionId, name, version })),
  );
}
