import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { SerializedStudioError } from '../core/errors/studioError';

export type Selection = { kind: 'step'; id: string } | { kind: 'edge'; id: string } | null;

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
  /** The error behind an error notice: a studio bug's (code `internal`) offers "Copy details". */
  error?: SerializedStudioError;
  /** The refusal's code, when it is one: lets a notice go once its cause has (say, `read-only`). */
  code?: string;
  /** The project it is about: opening another project takes it down. Null before any project is open. */
  projectId: string | null;
}

/** View state only: what is selected, which run is shown, what is being edited. Domain state is the log's projection. */
export interface UiState {
  selection: Selection;
  /** The run the canvas shows; null follows the newest run of the flow. */
  runId: string | null;
  /** 'new' for a model being created, a model id for one being edited, null when the editor is closed. */
  editingModel: string | null;
  runInput: string;
  notices: Notice[];
  /** Time travel: index into the shown run's events; null follows the run's end live. */
  cursor: number | null;
  playing: boolean;
  /** Playback speed: multiples of the run's own pace. */
  speed: number;
  /** A second run to compare the shown one with. */
  compareRunId: string | null;
  /** The right-hand panel when nothing is being edited. `inbox`: open asks (approvals, inputs) across runs. */
  panel:
    | 'inspector'
    | 'history'
    | 'intents'
    | 'gaps'
    | 'inbox'
    | 'policies'
    | 'metrics'
    | 'alerts'
    | 'events'
    | 'tests'
    | 'explain'
    | 'runner'
    | 'quest'
    | 'explore'
    | 'bus';
  /** A flow version being viewed (the seq of the edit that made it); null is the current flow. */
  viewingVersion: number | null;
  /** The flow on the canvas; null (or a flow not in the project) shows the project's first flow. */
  flowId: string | null;
  /** Flows left by opening a sub-flow step, innermost last: "← back to …" returns to the last. */
  outerFlowIds: string[];
}

export const uiStore = createStore<UiState>(() => ({
  selection: null,
  runId: null,
  editingModel: null,
  runInput: 'a shared grocery list for families',
  notices: [],
  cursor: null,
  playing: false,
  speed: 1,
  compareRunId: null,
  panel: 'inspector',
  viewingVersion: null,
  flowId: null,
  outerFlowIds: [],
}));

/** Shows a run from its live end (or at `cursor`), stopping any playback. */
export const showRun = (runId: string | null, cursor: number | null = null): void =>
  uiStore.setState({ runId, cursor, playing: false });

export const useUi = <T>(pick: (state: UiState) => T): T => useStore(uiStore, pick);

let noticeId = 0;
/** The open project: a notice belongs to it unless told otherwise. */
let noticesProject: string | null = null;
export function notify(tone: Notice['tone'], text: string, error?: SerializedStudioError): void {
  notifyAbout(noticesProject, tone, text, error);
}
/** A notice about a project that may not be open yet (an import that is about to open it, say). */
export function notifyAbout(
  projectId: string | null,
  tone: Notice['tone'],
  text: string,
  error?: SerializedStudioError,
): void {
  const notice: Notice = { id: ++noticeId, tone, text, projectId, ...(error ? { error, code: error.code } : {}) };
  // The same words again (a bug hit on every tick, say) move to the end rather than pile up.
  uiStore.setState((s) => ({
    notices: [...s.notices.filter((n) => n.text !== text || n.tone !== tone).slice(-3), notice],
  }));
}
/** An error as a notice: its sentence and what to do; never its detail (that is for "Copy details"). */
export const notifyError = (error: SerializedStudioError): void =>
  notify('error', `${error.message} ${error.hint}`.trim(), error);
export function dismissNotice(id: number): void {
  uiStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
/** Another project is open: what was said about the one before no longer applies. */
export function showNoticesOf(projectId: string): void {
  noticesProject = projectId;
  if (uiStore.getState().notices.every((n) => n.projectId === projectId)) return;
  uiStore.setState((s) => ({ notices: s.notices.filter((n) => n.projectId === projectId) }));
}
/** Takes down every notice of one code, once what it said is no longer true. */
export function dismissNoticesWith(code: string): void {
  if (!uiStore.getState().notices.some((n) => n.code === code)) return;
  uiStore.setState((s) => ({ notices: s.notices.filter((n) => n.code !== code) }));
}
export const select = (selection: Selection): void => uiStore.setState({ selection, editingModel: null });

/**
 * Shows another flow: its newest run, nothing selected. `from` is the flow a sub-flow step was
 * opened from (so the toolbar can go back to it); without it, the way back is forgotten.
 */
export function openFlow(flowId: string, from?: string): void {
  uiStore.setState((s) => ({
    flowId,
    outerFlowIds: from === undefined ? [] : [...s.outerFlowIds, from],
    selection: null,
    runId: null,
    cursor: null,
    playing: false,
    compareRunId: null,
    viewingVersion: null,
  }));
}

/** Back to the flow the current sub-flow was opened from. */
export function backToOuterFlow(): void {
  const { outerFlowIds } = uiStore.getState();
  const outer = outerFlowIds.at(-1);
  if (outer === undefined) return;
  openFlow(outer);
  uiStore.setState({ outerFlowIds: outerFlowIds.slice(0, -1) });
}
