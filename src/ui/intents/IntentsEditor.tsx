import { useEffect } from 'react';
import type * as Monaco from 'monaco-editor';
import { MonacoHost } from '../modelEditor/MonacoHost';
import { useMonacoEditor } from '../modelEditor/useMonacoEditor';
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
    schemas: [
      {
        uri: 'https://conductor.studio/schemas/intents.json',
        fileMatch: [DOC_URI],
        schema: intentsJsonSchema() as never,
      },
    ],
  });
}

export interface IntentsEditorProps {
  value: string;
  onChange: (value: string) => void;
  onSaveShortcut: () => void;
  issues: readonly IntentsIssue[];
}

export function IntentsEditor({ value, onChange, onSaveShortcut, issues }: IntentsEditorProps) {
  const handle = useMonacoEditor(
    {
      language: 'json',
      ariaLabel: 'Intents document',
      prepare: (monaco) => (configureJson(monaco), monaco.Uri.parse(DOC_URI)),
      save: { id: 'conductor.saveIntents', label: 'Save intents' },
      options: { quickSuggestions: { strings: true, other: true, comments: false } },
    },
    value,
    onChange,
    onSaveShortcut,
  );
  const { editor, monaco, state, hostRef } = handle;

  // Checks the schema cannot express (CEL, model names) are marked beside Monaco's own.
  useEffect(() => {
    const model = editor.current?.getModel();
    if (!monaco.current || !model) return;
    monaco.current.editor.setModelMarkers(
      model,
      'intents',
      issues.map((i) => ({
        severity: monaco.current?.MarkerSeverity.Error ?? 8,
        message: `${i.path}: ${i.message}`,
        startLineNumber: i.line,
        startColumn: i.column,
        endLineNumber: i.line,
        endColumn: i.column + i.length,
      })),
    );
  }, [editor, monaco, issues, state]);

  return <MonacoHost state={state} hostRef={hostRef} className="intents-editor" what="editor" />;
}
