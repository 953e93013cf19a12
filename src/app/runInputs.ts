import type { ProjectTemplate } from '../protocol/conductorApi';
import { uiStore } from './uiStore';

const key = (projectId: string) => `conductor.runInput.${projectId}`;

/** The run input a project was last given in this browser, or undefined if none was kept. */
function storedRunInput(projectId: string): string | undefined {
  try {
    return localStorage.getItem(key(projectId)) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes the run input the project's own: shows what was last typed for it (for a project never
 * given one, its template's: nothing for an empty project, not the example's input, and never the
 * last project's) and keeps every change, so a reload or a switch back finds it.
 * Returns the unsubscribe, for an effect's cleanup.
 */
export function keepRunInputFor(projectId: string, template: ProjectTemplate): () => void {
  const stored = storedRunInput(projectId);
  const keep = (text: string) => {
    try {
      localStorage.setItem(key(projectId), text);
    } catch {
      // Storage refused: the input still works, it is just not kept.
    }
  };
  // The template's input is kept at once: a project reopened later says no template.
  const initial = stored ?? (template === 'empty' ? '' : uiStore.getInitialState().runInput);
  if (stored === undefined) keep(initial);
  uiStore.setState({ runInput: initial });
  let last = uiStore.getState().runInput;
  return uiStore.subscribe((state) => {
    if (state.runInput === last) return;
    last = state.runInput;
    keep(state.runInput);
  });
}
