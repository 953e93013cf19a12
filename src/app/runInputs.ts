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
 * Makes the run input the project's own: shows what was last typed for it (the default for a
 * project never given one, not the last project's) and keeps every change, so a reload or a switch back finds it.
 * Returns the unsubscribe, for an effect's cleanup.
 */
export function keepRunInputFor(projectId: string): () => void {
  const stored = storedRunInput(projectId);
  uiStore.setState({ runInput: stored ?? uiStore.getInitialState().runInput });
  let last = uiStore.getState().runInput;
  return uiStore.subscribe((state) => {
    if (state.runInput === last) return;
    last = state.runInput;
    try {
      localStorage.setItem(key(projectId), state.runInput);
    } catch {
      // Storage refused: the input still works, it is just not kept.
    }
  });
}
