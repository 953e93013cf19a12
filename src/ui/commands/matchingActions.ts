import { defaultFilter } from 'cmdk';
import type { StudioAction } from './studioActions';

/**
 * The actions a search finds, best first: cmdk's fuzzy score (command-score: letters in order,
 * word starts and whole words count most) over the title, its group and keywords. An empty
 * search lists everything in its own order. Sorted here, not by cmdk, which reorders groups in
 * the DOM and misses a group whose name has a space.
 */
export function matchingActions(actions: readonly StudioAction[], search: string): StudioAction[] {
  const wanted = search.trim();
  if (wanted === '') return [...actions];
  return actions
    .map((action, order) => ({
      action,
      order,
      score: defaultFilter(action.title, wanted, [action.group, ...(action.keywords ?? [])]),
    }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((m) => m.action);
}
