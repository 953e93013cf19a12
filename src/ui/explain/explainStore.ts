import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { showPanel } from '../../app/panels';
import type { ExplainTarget } from '../../core/explain/explanation';

/** What the Explain panel explains: view state only (the explanation itself is a fold of the log). */
const explainStore = createStore<{ target: ExplainTarget | null }>(() => ({ target: null }));

export const useExplainTarget = (): ExplainTarget | null => useStore(explainStore, (s) => s.target);

/** Opens the Explain panel on a step, an agent, a gap or an event. */
export function openExplain(target: ExplainTarget): void {
  explainStore.setState({ target });
  showPanel('explain');
}
