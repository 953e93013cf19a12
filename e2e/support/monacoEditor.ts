import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/**
 * Page object for monaco editors. Text goes in through the real editor (focus, keyboard); reading
 * back uses `window.monaco`, which the studio exposes (see src/ui/modelEditor/monacoSetup.ts),
 * because monaco renders only the visible lines.
 */

type EditorTarget = string | Locator;

export interface MonacoMarker {
  message: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  startLineNumber: number;
  startColumn: number;
  resource: string;
}

interface MonacoGlobal {
  editor: {
    getEditors(): { getDomNode(): HTMLElement | null; getValue(): string }[];
    getModelMarkers(filter: object): {
      message: string;
      severity: number;
      startLineNumber: number;
      startColumn: number;
      resource: { toString(): string };
    }[];
  };
}

/** The editor whose input is labelled `target` (its `ariaLabel`), or the element `target` points at. */
export function monacoEditor(page: Page, target: EditorTarget): Locator {
  if (typeof target !== 'string') return target;
  return page.locator('.monaco-editor').filter({ has: page.getByRole('textbox', { name: target, exact: true }) });
}

/** The editor's whole text, read from its model. */
export async function monacoText(page: Page, target: EditorTarget): Promise<string> {
  return monacoEditor(page, target).evaluate((root) => {
    const monaco = (globalThis as unknown as { monaco?: MonacoGlobal }).monaco;
    if (!monaco) throw new Error('window.monaco is missing: the editor has not loaded');
    const editor = monaco.editor.getEditors().find((e) => {
      const node = e.getDomNode();
      return node !== null && (node === root || root.contains(node) || node.contains(root));
    });
    if (!editor) throw new Error('no monaco editor at this element');
    return editor.getValue();
  });
}

/**
 * Replaces all of the editor's text with `text` through the real editor: click into it, select
 * all, then paste. Not `keyboard.insertText`: monaco takes that as typing, so every newline is
 * auto-indented on top of the text's own indentation and auto-closing can add a stray `}`. A
 * paste is inserted verbatim (`autoIndentOnPaste` and `formatOnPaste` are off by default). The
 * helper checks the result before it returns.
 */
export async function setMonacoText(page: Page, target: EditorTarget, text: string): Promise<void> {
  const editor = monacoEditor(page, target);
  const input = editor.getByRole('textbox');
  await editor.locator('.view-lines').click();
  await expect(input).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  if (text === '') {
    await page.keyboard.press('Delete');
  } else {
    // A synthetic paste carries its own clipboard data, so the test never touches the system clipboard.
    await input.evaluate((element, pasted) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', pasted);
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    }, text);
  }
  await expect.poll(() => monacoText(page, target), { message: 'monaco text after setMonacoText' }).toBe(text);
}

/**
 * Markers (diagnostics) monaco holds for all models, e.g. TypeScript errors. They arrive from a
 * worker after a pause, so poll: `await expect.poll(() => monacoMarkers(page)).toContainEqual(...)`.
 */
export async function monacoMarkers(page: Page): Promise<MonacoMarker[]> {
  return page.evaluate(() => {
    const monaco = (globalThis as unknown as { monaco?: MonacoGlobal }).monaco;
    if (!monaco) return [];
    const severities: Record<number, MonacoMarker['severity']> = { 1: 'hint', 2: 'info', 4: 'warning', 8: 'error' };
    return monaco.editor.getModelMarkers({}).map((m) => ({
      message: m.message,
      severity: severities[m.severity] ?? 'info',
      startLineNumber: m.startLineNumber,
      startColumn: m.startColumn,
      resource: m.resource.toString(),
    }));
  });
}
