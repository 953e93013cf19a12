import { defineFeature, pageFoldEach } from '../feature/feature';
import type { ImportedSource } from '../kinds/imported/importedSchema';
import { importEventSchemas } from './importEvents';

/** What the page shows of an import: the file the project came from, and each step's source node. */
export interface ImportsView {
  file: {
    fileName: string;
    format: ImportedSource['format'];
    formatVersion: string;
    sha256: string;
    summary: string;
  } | null;
  sourceOfStep: ReadonlyMap<string, ImportedSource>;
}

const emptyImportsView: ImportsView = { file: null, sourceOfStep: new Map() };

/**
 * Import from other tools (Rivet, n8n): the conversion itself is pure and runs before anything is
 * written (importForeignFile.ts); what the project keeps of it is its provenance event, folded
 * here so the inspector can say which node a step came from.
 */
export const importFeature = defineFeature({
  name: 'import',
  events: importEventSchemas,
  pageFold: pageFoldEach('imports', emptyImportsView, (view, event): ImportsView => {
    if (event.type !== 'project.imported') return view;
    const { steps, ...file } = event.data;
    const sourceOfStep = new Map(view.sourceOfStep);
    for (const s of steps) sourceOfStep.set(s.stepId, s.source);
    return { file, sourceOfStep };
  }),
});
