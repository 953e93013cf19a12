import type * as Monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker.js?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';
import { CTX_TYPES_DTS } from '../../core/models/ctxTypes';

export type MonacoApi = typeof Monaco;

/** TypeScript's `ScriptTarget.ES2022`; monaco's copy of the enum stops at ES2020. */
const ES2022 = 9 as Monaco.typescript.ScriptTarget;

/**
 * Tells monaco how to start its workers. Call before `import('monaco-editor')`: monaco reads the
 * environment while its module loads. `globalAPI` exposes `window.monaco`, which the e2e page
 * objects use to read editor text and markers.
 */
export function installMonacoEnvironment(): void {
  if (self.MonacoEnvironment) return;
  self.MonacoEnvironment = {
    globalAPI: true,
    getWorker(_workerId, label) {
      if (label === 'json') return new JsonWorker();
      return label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker();
    },
  };
}

let typeScriptConfigured = false;

/**
 * Configures the TypeScript service once per page: compiler options and the `Ctx` declarations,
 * so `ctx.` completes and type errors are marked. The caller passes the lazily imported API; this
 * module only imports monaco's types and worker URLs, so it stays out of the initial bundle.
 */
export function configureTypeScript(monaco: MonacoApi): void {
  if (typeScriptConfigured) return;
  typeScriptConfigured = true;
  const ts = monaco.typescript;
  // Model code runs in a sandboxed worker: no DOM lib, so `document` is a type error, not a runtime one.
  ts.typescriptDefaults.setCompilerOptions({
    target: ES2022,
    module: ts.ModuleKind.ESNext,
    lib: ['es2022'],
    strict: true,
    noEmit: true,
    allowNonTsExtensions: true,
  });
  ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  ts.typescriptDefaults.addExtraLib(CTX_TYPES_DTS, 'file:///ctx.d.ts');
}

let uriCounter = 0;

/**
 * A fresh model URI for one editor: `file:///models/<id or new>.ts`. If another live editor
 * already holds that URI (two editors on the same model), a numbered suffix keeps them apart,
 * since monaco refuses two models with one URI.
 */
export function modelUriFor(monaco: MonacoApi, modelKey: string): Monaco.Uri {
  const safeKey = modelKey.replace(/[^A-Za-z0-9_.:-]/g, '_');
  let uri = monaco.Uri.parse(`file:///models/${safeKey}.ts`);
  while (monaco.editor.getModel(uri)) uri = monaco.Uri.parse(`file:///models/${safeKey}-${++uriCounter}.ts`);
  return uri;
}
