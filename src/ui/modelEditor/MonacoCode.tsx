import { useEffect } from 'react';
import { configureTypeScript, modelUriFor } from './monacoSetup';
import { MonacoHost } from './MonacoHost';
import { useMonacoEditor } from './useMonacoEditor';
import './modelEditor.css';

export interface MonacoCodeProps {
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+S while the editor has focus. */
  onSaveShortcut: () => void;
  ariaLabel: string;
  /** Names the editor's document `file:///models/<modelKey>.ts`; read once, when the editor mounts. */
  modelKey: string;
}

/** A TypeScript editor for model code, with the `ctx` types loaded for completion and checking. */
export function MonacoCode({ value, onChange, onSaveShortcut, ariaLabel, modelKey }: MonacoCodeProps) {
  const handle = useMonacoEditor(
    {
      language: 'typescript',
      ariaLabel,
      prepare: (monaco) => (configureTypeScript(monaco), modelUriFor(monaco, modelKey)),
      save: { id: 'conductor.saveModel', label: 'Save model' },
    },
    value,
    onChange,
    onSaveShortcut,
  );
  const { editor, state, hostRef } = handle;
  useEffect(() => {
    editor.current?.updateOptions({ ariaLabel });
  }, [editor, ariaLabel, state]);
  return <MonacoHost state={state} hostRef={hostRef} what="code editor" />;
}
