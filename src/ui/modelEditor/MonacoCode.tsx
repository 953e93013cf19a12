import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import { configureTypeScript, installMonacoEnvironment, modelUriFor } from './monacoSetup';
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

type LoadState = 'loading' | 'ready' | 'failed';

/**
 * A TypeScript editor for model code. Monaco is imported on mount, not with the app, so it stays
 * out of the initial bundle. `value` is controlled: outside changes are applied as one undoable edit.
 */
export function MonacoCode({ value, onChange, onSaveShortcut, ariaLabel, modelKey }: MonacoCodeProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const [loadState, setLoadState] = useState<LoadState>('loading');

  const emitChange = useEffectEvent((text: string) => {
    if (text !== value) onChange(text);
  });
  const emitSave = useEffectEvent(() => onSaveShortcut());
  // The editor is created once, with whatever the value is by the time monaco has loaded.
  const initialState = useEffectEvent(() => ({ value, ariaLabel, modelKey }));

  useEffect(() => {
    let disposed = false;
    let teardown: (() => void) | undefined;
    installMonacoEnvironment();
    import('monaco-editor').then(
      (monaco) => {
        const host = hostRef.current;
        if (disposed || !host) return;
        configureTypeScript(monaco);
        const initial = initialState();
        const model = monaco.editor.createModel(initial.value, 'typescript', modelUriFor(monaco, initial.modelKey));
        const editor = monaco.editor.create(host, {
          model,
          ariaLabel: initial.ariaLabel,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 13,
          tabSize: 2,
          lineNumbersMinChars: 3,
          theme: 'vs-dark',
          // The textarea input path: Chromium's EditContext path drops fast keystrokes (lost
          // characters under Playwright, wedged input reported upstream since monaco 0.53).
          editContext: false,
        });
        const contentListener = model.onDidChangeContent(() => emitChange(model.getValue()));
        // addAction is scoped to this editor; addCommand would fire for whichever editor was focused last.
        const saveAction = editor.addAction({
          id: 'conductor.saveModel',
          label: 'Save model',
          keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS],
          run: () => emitSave(),
        });
        editorRef.current = editor;
        setLoadState('ready');
        teardown = () => {
          saveAction.dispose();
          contentListener.dispose();
          editor.dispose();
          model.dispose();
          editorRef.current = null;
        };
      },
      () => {
        if (!disposed) setLoadState('failed');
      },
    );
    return () => {
      disposed = true;
      teardown?.();
    };
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === value) return;
    // One edit instead of setValue, so Ctrl+Z can undo a reset the person did not type.
    editorRef.current?.executeEdits('external', [{ range: model.getFullModelRange(), text: value }]);
    editorRef.current?.pushUndoStop();
  }, [value, loadState]);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel });
  }, [ariaLabel, loadState]);

  return (
    <div className="monaco-code" data-state={loadState}>
      {loadState === 'loading' && <p className="monaco-code__status">Loading editor…</p>}
      {loadState === 'failed' && (
        <p className="monaco-code__status" role="alert">
          The code editor could not be loaded. Reload the page to try again.
        </p>
      )}
      <div ref={hostRef} className="monaco-code__host" />
    </div>
  );
}
