import type { ModelCompiler } from '../ports/ports';
import { buildImport, type BuiltImport } from './buildImport';
import { readN8n, looksLikeN8n } from './n8n/readN8n';
import { mapN8nNode } from './n8n/n8nNodes';
import { looksLikeRivet, readRivet } from './rivet/readRivet';
import { mapRivetNode } from './rivet/rivetNodes';
import { isRecord, MAX_FOREIGN_IMPORT_CHARS, readJson, readYaml, refuse } from './readSafely';
import type { SourceDocument } from './sourceGraph';

export interface ForeignImportOptions {
  fileName: string;
  sha256: string;
  compile: ModelCompiler;
  newId: (prefix: string) => string;
  llmBaseUrl?: string;
}

/** Whether a file is one this importer reads (by its name; a `.json` is looked into by `readForeignDocument`). */
export function isForeignFileName(fileName: string): boolean {
  return /\.rivet-(project|graph)$/i.test(fileName);
}

/**
 * Reads another tool's file (a Rivet project or graph, an n8n workflow in any of its shapes) into
 * the neutral shape. Throws a StudioError with a sentence for anything else: not YAML or JSON,
 * an anchor bomb, nesting past the limit, trailing garbage, a file of another tool.
 */
export function readForeignDocument(text: string, fileName: string): SourceDocument {
  if (text.length === 0) throw refuse('This file is empty.');
  if (text.length > MAX_FOREIGN_IMPORT_CHARS)
    throw refuse(
      `This file has ${text.length.toLocaleString('en')} characters; the import reads files up to ${MAX_FOREIGN_IMPORT_CHARS.toLocaleString('en')}.`,
    );
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  const json = trimmed.startsWith('{') || trimmed.startsWith('[');
  const value = json ? readJson(body) : readYaml(body);
  if (looksLikeRivet(value)) return readRivet(value, fileName);
  if (looksLikeN8n(value)) return readN8n(value, fileName);
  if (isRecord(value) && isRecord(value.project) && Array.isArray(value.events))
    throw refuse(
      'This is a Conductor Studio export, not a Rivet or n8n file.',
      'Import it with Project ▾ → Import…, which opens studio exports as they are.',
    );
  throw refuse(
    json
      ? 'This JSON file is not an n8n workflow: it has no “nodes” and “connections”.'
      : 'This file is not a Rivet project: it has no “version” and “data”.',
  );
}

/** Reads a file and converts it, node by node: the new project's events and the report. Writes nothing. */
export function importForeignFile(
  text: string,
  opts: ForeignImportOptions,
): BuiltImport & { document: SourceDocument } {
  const document = readForeignDocument(text, opts.fileName);
  const mapper = document.format === 'rivet' ? mapRivetNode : mapN8nNode;
  return { ...buildImport(document, mapper, opts), document };
}
