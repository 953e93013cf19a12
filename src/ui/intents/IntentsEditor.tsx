import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import { installMonacoEnvironment } from '../modelEditor/monacoSetup';
import { intentsJsonSchema } from '../../core/intents/intentSchema';
import type { IntentsIssue } from '../../core/intents/parseIntents';
import '../modelEditor/modelEditor.css';

const DOC_URI = 'file:///project/intents.jsonc';
let jsonConfigured = false;

/**
 * Monaco's JSON language with the intents JSON Schema (generated from the zod schema the conductor
 * validates with): completion, hover docs and schema errors come from Monaco itself; CEL and model
 * checks the schema cannot express arrive as `issues` and are marked too.
 */
function configureJson(monaco: typeof Monaco): void {
  if (jsonConfigured) return;
  jsonConfigured = true;
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: true,
    trailingCommas: 'ignore',
    enableSchemaRequest: false,
    schemas: [{ uri: 'https://conductor.studio/schemas/intents.json', fileMatch: [DOC_URI], schema: intentsJsonSchema() as never }],
  });
}

export interface IntentsEditorProps {
  value: string;
  onChange: (value: string) => void;
  onSaveShortcut: () => void;
  issues: readonly IntentsIssue[];
}

export function IntentsEditor({ value, onChange, onSaveShortcut, issues }: IntentsEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const monacoRef = useRef<typeof Monaco | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const emitChange = useEffectEvent((text: string) => {
    if (text !== value) onChange(text);
  });
  const emitSave = useEffectEvent(() => onSaveShortcut());
  const initial = useEffectEvent(() => value);

  useEffect(() => {
    let disposed = false;
    let teardown: (() => void) | undefined;
    installMonacoEnvironment();
    import('monaco-editor').then(
      (monaco) => {
        const host = hostRef.current;
        if (disposed || !host) return;
        configureJson(monaco);
        monaco.editor.getModel(monaco.Uri.parse(DOC_URI))?.dispose();
        const model = monaco.editor.createModel(initial(), 'json', monaco.Uri.parse(DOC_URI));
        const editor = monaco.editor.create(host, {
          model,
          ariaLabel: 'Intents document',
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 13,
          tabSize: 2,
          lineNumbersMinChars: 3,
          theme: 'vs-dark',
          editContext: false,
          quickSuggestions: { strings: true, other: true, comments: false },
        });
        const listener = model.onDidChangeContent(() => emitChange(model.getValue()));
        const save = editor.addAction({ id: 'conductor.saveIntents', label: 'Save intents', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS], run: () => emitSave() });
        editorRef.current = editor;
        monacoRef.current = monaco;
        setState('ready');
        teardown = () => {
          save.dispose();
          listener.dispose();
          editor.dispose();
          model.dispose();
          editorRef.current = null;
        };
      },
      () => !disposed && setState('failed'),
    );
    return () => {
      disposed = true;
      teardown?.();
    };
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === value) return;
    editorRef.current?.executeEdits('external', [{ range: model.getFullModelRange(), text: value }]);
    editorRef.current?.pushUndoStop();
  }, [value, state]);

  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model) return;
    monaco.editor.setModelMarkers(
      model,
      'intents',
      issues.map((i) => ({ severity: monaco.MarkerSeverity.Error, message: `${i.path}: ${i.message}`, startLineNumber: i.line, startColumn: i.column, endLineNumber: i.line, endColumn: i.column + i.length })),
    );
  }, [issues, state]);

  return (
    <div className="monaco-code intents-editor" data-state={state}>
      {state === 'loading' && <p className="monaco-code__status">Loading editor…</p>}
      {state === 'failed' && (
        <p className="monaco-code__status" role="alert">
          The editor could not be loaded. Reload the page to try again.
        </p>
      )}
      <div ref={hostRef} className="monaco-code__host" />
    </div>
  );
}
