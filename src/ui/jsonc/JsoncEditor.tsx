import { useEffect } from 'react';
import { MonacoHost } from '../modelEditor/MonacoHost';
import { useMonacoEditor } from '../modelEditor/useMonacoEditor';
import { clearEditorMarkers, setEditorMarkers } from './editorMarkers';
import { registerJsonSchemas, type SchemaEntry } from './jsonSchemaRegistry';
import type { JsoncIssue } from './jsoncCheck';
import '../modelEditor/modelEditor.css';
import './jsonc.css';

export interface JsoncEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+S while the editor has focus. */
  onSaveShortcut: () => void;
  /** The editor's accessible name, e.g. "Step settings". */
  ariaLabel: string;
  /** The document's URI (see jsoncDocumentUri); read once, when the editor mounts. */
  documentUri: string;
  /** Completion, hover and schema errors; may change (e.g. when the project's models change). */
  schema: SchemaEntry;
  /** Problems found outside Monaco (zod refinements, the conductor's refusal), marked too. */
  issues: readonly JsoncIssue[];
  /** Save action's id and label in Monaco's command palette. */
  saveAction: { id: string; label: string };
  className?: string;
}

/**
 * Monaco's JSON language over one JSON-with-comments document, with a JSON Schema generated from the
 * zod schema the conductor validates with: completion, hover docs and inline errors.
 */
export function JsoncEditor({
  value,
  onChange,
  onSaveShortcut,
  ariaLabel,
  documentUri,
  schema,
  issues,
  saveAction,
  className = '',
}: JsoncEditorProps) {
  const { editor, monaco, state, hostRef } = useMonacoEditor(
    {
      language: 'json',
      ariaLabel,
      prepare: (api) => (registerJsonSchemas(api, [schema]), api.Uri.parse(documentUri)),
      save: saveAction,
      options: { quickSuggestions: { strings: true, other: true, comments: false }, wordWrap: 'on' },
    },
    value,
    onChange,
    onSaveShortcut,
  );

  useEffect(() => {
    if (monaco.current) registerJsonSchemas(monaco.current, [schema]);
  }, [monaco, schema, state]);

  useEffect(() => {
    editor.current?.updateOptions({ ariaLabel });
  }, [editor, ariaLabel, state]);

  useEffect(() => {
    const api = monaco.current;
    const model = editor.current?.getModel();
    if (!api || !model) return;
    api.editor.setModelMarkers(
      model,
      'conductor',
      issues.map((i) => ({
        severity: api.MarkerSeverity.Error,
        message: `${i.path}: ${i.message}`,
        startLineNumber: i.line,
        startColumn: i.column,
        endLineNumber: i.line,
        endColumn: i.column + i.length,
      })),
    );
  }, [editor, monaco, issues, state]);

  useEffect(() => {
    // Monaco's own JSON Schema marks, shared with the Problems list (it lists all the editor marks).
    const api = monaco.current;
    const model = editor.current?.getModel();
    if (!api || !model) return;
    const publish = () => {
      const marks = api.editor
        .getModelMarkers({ resource: model.uri })
        .filter((m) => m.owner !== 'conductor' && m.severity >= api.MarkerSeverity.Warning);
      setEditorMarkers(
        documentUri,
        marks.map((m) => ({
          path: '',
          message: m.message,
          line: m.startLineNumber,
          column: m.startColumn,
          length: Math.max(1, m.endColumn - m.startColumn),
        })),
      );
    };
    publish();
    const listening = api.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === model.uri.toString())) publish();
    });
    return () => {
      listening.dispose();
      clearEditorMarkers(documentUri);
    };
  }, [editor, monaco, state, documentUri]);

  return <MonacoHost state={state} hostRef={hostRef} className={`jsonc-editor ${className}`} what="editor" />;
}
