import type { MonacoApi } from '../modelEditor/monacoSetup';

/** A JSON Schema for Monaco's JSON language, and the document names (globs) it applies to. */
export interface SchemaEntry {
  /** The schema's id, e.g. `https://conductor.studio/schemas/step-settings.json`. */
  uri: string;
  /** Globs on document URIs; `*.step-settings.jsonc` matches in any folder. */
  fileMatch: string[];
  schema: unknown;
}

/**
 * Adds (or replaces, by uri) schemas in Monaco's one, page-wide JSON configuration, keeping the
 * schemas other editors registered (the intents document's). Cheap when nothing changed: the
 * JSON worker restarts only when a schema object is new.
 */
export function registerJsonSchemas(monaco: MonacoApi, entries: readonly SchemaEntry[]): void {
  const defaults = monaco.json.jsonDefaults;
  const current = defaults.diagnosticsOptions;
  const known = current.schemas ?? [];
  const unchanged = entries.every((e) => known.some((s) => s.uri === e.uri && s.schema === e.schema));
  if (unchanged && current.comments === 'ignore') return;
  const others = known.filter((s) => !entries.some((e) => e.uri === s.uri));
  defaults.setDiagnosticsOptions({
    ...current,
    validate: true,
    // Monaco's defaults mark comments as errors ('comments' outranks 'allowComments'): these documents are JSONC.
    allowComments: true,
    comments: 'ignore',
    trailingCommas: 'ignore',
    enableSchemaRequest: false,
    schemas: [...others, ...entries.map((e) => ({ uri: e.uri, fileMatch: e.fileMatch, schema: e.schema as never }))],
  });
}

type JsonSchemaNode = { properties?: Record<string, JsonSchemaNode>; description?: string; [key: string]: unknown };

/**
 * Gives properties their hover text by name, wherever they appear in the schema (zod's JSON Schema
 * carries no TSDoc). Returns the same schema object, changed in place.
 */
export function describeProperties<T>(schema: T, docs: Readonly<Record<string, string>>): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as JsonSchemaNode;
    if (record.properties) {
      for (const [name, child] of Object.entries(record.properties)) {
        const doc = docs[name];
        if (doc !== undefined && child.description === undefined) child.description = doc;
      }
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(schema);
  return schema;
}

let documentCounter = 0;

/** A document URI no other live editor holds, ending in `.<suffix>` so a schema's fileMatch finds it. */
export function jsoncDocumentUri(suffix: string): string {
  documentCounter += 1;
  return `file:///conductor/${suffix}/${documentCounter}.${suffix}`;
}
