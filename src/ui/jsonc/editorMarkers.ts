import { create } from 'zustand';
import type { JsoncIssue } from './jsoncCheck';

/**
 * What Monaco's own JSON check marks in each JSONC document (by document URI), beside the issues the
 * studio finds itself. The Problems list reads it, so it lists everything the editor marks.
 */
export const useEditorMarkers = create<Record<string, readonly JsoncIssue[]>>(() => ({}));

export function setEditorMarkers(documentUri: string, issues: readonly JsoncIssue[]): void {
  useEditorMarkers.setState({ [documentUri]: issues });
}

export function clearEditorMarkers(documentUri: string): void {
  useEditorMarkers.setState((all) => {
    const { [documentUri]: _gone, ...rest } = all;
    return rest;
  }, true);
}

/**
 * The studio's issues, then each place Monaco marks that none of them covers: one entry per marked
 * spot, so the list's count matches what the editor shows.
 */
export function mergeProblems(own: readonly JsoncIssue[], editor: readonly JsoncIssue[]): JsoncIssue[] {
  const at = (i: JsoncIssue) => `${i.line}:${i.column}`;
  const covered = new Set(own.map(at));
  const extra: JsoncIssue[] = [];
  for (const issue of editor) {
    if (covered.has(at(issue))) continue;
    covered.add(at(issue));
    extra.push(issue);
  }
  return [...own, ...extra].sort((a, b) => a.line - b.line || a.column - b.column);
}
