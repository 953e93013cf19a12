import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** Steps involved in an open gap, for the canvas to mark. View state, set from the log's projection. */
export const gapMarks = createStore<{ stepIds: ReadonlySet<string> }>(() => ({ stepIds: new Set() }));

export const useInOpenGap = (stepId: string): boolean => useStore(gapMarks, (s) => s.stepIds.has(stepId));
