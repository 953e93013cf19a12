import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import type * as Monaco from 'monaco-editor';
import { installMonacoEnvironment } from './monacoSetup';
import { shownTheme, themeStore, type Theme } from '../../app/theme';

const monacoTheme = (theme: Theme): string => (theme === 'dark' ? 'studio-dark' : 'studio-light');

/**
 * vs-dark and vs, with the colours that fail WCAG contrast raised to 4.5:1: the dimmed line
 * numbers past the end, and vs-dark's comments.
 */
function defineStudioThemes(monaco: typeof Monaco): void {
  monaco.editor.defineTheme('studio-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [{ token: 'comment', foreground: '7fae6b' }],
    colors: { 'editorLineNumber.foreground': '#8f949c', 'editorLineNumber.dimmedForeground': '#8f949c' },
  });
  monaco.editor.defineTheme('studio-light', {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editorLineNumber.foreground': '#1f6b82', 'editorLineNumber.dimmedForeground': '#5b6472' },
  });
}

export type MonacoLoadState = 'loading' | 'ready' | 'failed';

export interface MonacoDocument {
  language: string;
  ariaLabel: string;
  /** Called once Monaco has loaded: configures the language and names the document. */
  prepare: (monaco: typeof Monaco) => Monaco.Uri;
  /** The Ctrl/Cmd+S action's id and label; scoped to this editor (addCommand would fire for whichever was focused last). */
  save: { id: string; label: string };
  options?: Monaco.editor.IStandaloneEditorConstructionOptions;
}

export interface MonacoEditorHandle {
  hostRef: RefObject<HTMLDivElement | null>;
  state: MonacoLoadState;
  editor: RefObject<Monaco.editor.IStandaloneCodeEditor | null>;
  monaco: RefObject<typeof Monaco | null>;
}

/**
 * One Monaco editor over one document. Monaco is imported on mount, not with the app, so it stays
 * out of the initial bundle. `value` is controlled: outside changes are applied as one undoable
 * edit, so Ctrl+Z can undo a reset the person did not type. The document settings are read once,
 * when the editor is created.
 */
export function useMonacoEditor(
  doc: MonacoDocument,
  value: string,
  onChange: (value: string) => void,
  onSave: () => void,
): MonacoEditorHandle {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const monacoRef = useRef<typeof Monaco | null>(null);
  const [state, setState] = useState<MonacoLoadState>('loading');
  const emitChange = useEffectEvent((text: string) => {
    if (text !== value) onChange(text);
  });
  const emitSave = useEffectEvent(() => onSave());
  // The editor is created once, with whatever the value is by the time Monaco has loaded.
  const initial = useEffectEvent(() => ({ value, doc }));

  useEffect(() => {
    let disposed = false;
    let teardown: (() => void) | undefined;
    installMonacoEnvironment();
    import('monaco-editor').then(
      (monaco) => {
        const host = hostRef.current;
        if (disposed || !host) return;
        const { value: text, doc: settings } = initial();
        defineStudioThemes(monaco);
        const uri = settings.prepare(monaco);
        monaco.editor.getModel(uri)?.dispose();
        const model = monaco.editor.createModel(text, settings.language, uri);
        const editor = monaco.editor.create(host, {
          model,
          ariaLabel: settings.ariaLabel,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 13,
          tabSize: 2,
          lineNumbersMinChars: 3,
          theme: monacoTheme(shownTheme()),
          // The textarea input path: Chromium's EditContext path drops fast keystrokes (lost
          // characters under Playwright, wedged input reported upstream since monaco 0.53).
          editContext: false,
          ...settings.options,
        });
        const listener = model.onDidChangeContent(() => emitChange(model.getValue()));
        // Monaco's theme is one for the page: each editor keeps it in step with the studio's.
        const unfollowTheme = themeStore.subscribe((state) => monaco.editor.setTheme(monacoTheme(shownTheme(state))));
        const save = editor.addAction({
          id: settings.save.id,
          label: settings.save.label,
          keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS],
          run: () => emitSave(),
        });
        editorRef.current = editor;
        monacoRef.current = monaco;
        setState('ready');
        teardown = () => {
          save.dispose();
          listener.dispose();
          unfollowTheme();
          editor.dispose();
          model.dispose();
          editorRef.current = null;
        };
      },
      () => {
        if (!disposed) setState('failed');
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
    editorRef.current?.executeEdits('external', [{ range: model.getFullModelRange(), text: value }]);
    editorRef.current?.pushUndoStop();
  }, [value, state]);

  return { hostRef, state, editor: editorRef, monaco: monacoRef };
}
