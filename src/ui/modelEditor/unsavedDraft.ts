import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { uiStore } from '../../app/uiStore';

/** A question waiting for the person: leave the editor and lose its changes, or keep editing. */
export interface LeaveQuestion {
  /** The edited model's name, or undefined for a model not saved yet. */
  modelName: string | undefined;
  leave: () => void;
}

interface UnsavedDraftState {
  /** Set while the open model editor holds changes not saved yet. */
  unsaved: { modelName: string | undefined } | null;
  question: LeaveQuestion | null;
}

const unsavedDraftStore = createStore<UnsavedDraftState>()(() => ({ unsaved: null, question: null }));

/** The open editor reports whether its draft differs from what is saved. */
export function reportUnsavedDraft(unsaved: { modelName: string | undefined } | null): void {
  unsavedDraftStore.setState({ unsaved });
}

/**
 * Every way out of the model editor goes through here: with unsaved changes the person is asked
 * first, so a draft is never dropped silently; without them the editor leaves at once.
 */
export function leaveModelEditor(leave: () => void): void {
  const { unsaved } = unsavedDraftStore.getState();
  if (unsaved === null) leave();
  else unsavedDraftStore.setState({ question: { modelName: unsaved.modelName, leave } });
}

/** Opens the editor on another model (or closes it with null), asking first about unsaved changes. */
export function openModelEditor(editingModel: string | null): void {
  if (uiStore.getState().editingModel === editingModel) return;
  leaveModelEditor(() => uiStore.setState({ editingModel }));
}

export function answerLeaveQuestion(discard: boolean): void {
  const { question } = unsavedDraftStore.getState();
  unsavedDraftStore.setState({ question: null });
  if (discard && question) question.leave();
}

export const useLeaveQuestion = (): LeaveQuestion | null => useStore(unsavedDraftStore, (s) => s.question);
