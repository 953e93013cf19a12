import { newProjectId } from '../../app/projectsIndex';
import { importTargetHere } from '../../app/projectFiles';
import type { ProjectId } from '../../core/ids';
import { checkImportSize } from '../../share/prepareImport';
import { compileModel } from '../../runtime/compileModel';
import { sha256 } from '../../runtime/sha256';
import { isForeignFile, prepareForeignImport, type ForeignImportPrepared } from '../../import/prepareForeignImport';

/** A Rivet or n8n file, read and converted (nothing written): what the import report shows. */
export interface ForeignFile extends ForeignImportPrepared {
  text: string;
  fileSha256: string;
}

/** Reads a dropped or picked file and converts it when it is another tool's; `null` for a studio export. */
export async function prepareForeignFile(file: File): Promise<ForeignFile | null> {
  // The studio's own limit first, from the size alone, before a byte is read (the same sentence for every file).
  checkImportSize(file.size);
  const text = await file.text();
  if (!isForeignFile(file.name, text)) return null;
  const fileSha256 = await sha256(text);
  return { ...(await convert(file.name, text, fileSha256)), text, fileSha256 };
}

/** Converts again (the person named another LLM server), then writes the new project. */
export async function convert(
  fileName: string,
  text: string,
  fileSha256: string,
  llmBaseUrl?: string,
): Promise<ForeignImportPrepared> {
  return prepareForeignImport(text, {
    fileName,
    fileSha256,
    sha256,
    compile: compileModel,
    newProjectId: newProjectId() as ProjectId,
    takenNames: await importTargetHere().projectNames(),
    now: Date.now(),
    ...(llmBaseUrl ? { llmBaseUrl } : {}),
  });
}
