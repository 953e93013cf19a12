import type { StepSettings } from '../../core/flow/stepSettings';
import type { ModelDefinition } from '../../core/models/modelDefinition';
import type { KindRegistry } from '../../core/kinds/kindRegistry';

/** One compact mark of a step's settings: `text` on the node, `label` for screen readers and the tooltip. */
export interface StepBadge {
  key: 'join' | 'map' | 'retry' | 'fallbacks' | 'optional' | 'rebuild';
  text: string;
  label: string;
}

/**
 * The settings that change how a step runs, as badges: join "any" / "2 of 3", map "×4" (with
 * progress while it runs), retry "↻3", fallbacks "⇢2", "optional", "⟲ rebuildable". A plain step
 * has none, so the canvas stays quiet until something is set.
 */
export function stepBadges(
  settings: StepSettings | undefined,
  inputCount: number,
  map?: { total: number; done: number },
): StepBadge[] {
  if (!settings) return [];
  const badges: StepBadge[] = [];
  const join = settings.join;
  if (join?.policy === 'any') badges.push({ key: 'join', text: 'any', label: 'join: starts when any input arrives' });
  if (join?.policy === 'quorum')
    badges.push({
      key: 'join',
      text: `${join.n} of ${Math.max(join.n, inputCount)}`,
      label: `join: starts when ${join.n} of ${Math.max(join.n, inputCount)} inputs arrive`,
    });
  if (settings.map) {
    const progress = map ? ` ${map.done}/${map.total}` : '';
    badges.push({
      key: 'map',
      text: `×${settings.map.concurrency}${progress}`,
      label: `map over ${settings.map.port}, ${settings.map.concurrency} at once${map ? `: ${map.done} of ${map.total} items done` : ''}`,
    });
  }
  if (settings.retry && settings.retry.maxAttempts > 1)
    badges.push({
      key: 'retry',
      text: `↻${settings.retry.maxAttempts}`,
      label: `retry: up to ${settings.retry.maxAttempts} attempts, ${settings.retry.backoff} backoff`,
    });
  const fallbacks = settings.fallbacks?.length ?? 0;
  if (fallbacks > 0)
    badges.push({
      key: 'fallbacks',
      text: `⇢${fallbacks}`,
      label: `${fallbacks} fallback ${fallbacks === 1 ? 'model' : 'models'}`,
    });
  if (settings.critical === false)
    badges.push({ key: 'optional', text: 'optional', label: 'optional: skipped if it fails' });
  if (settings.rebuild)
    badges.push({ key: 'rebuild', text: '⟲ rebuildable', label: 'rebuildable from downstream artifacts' });
  return badges;
}

/**
 * A short name for a model's kind, shown beside its name, from the kind registry: none for a
 * script (the common case), and "kind not installed" for a step whose extension is gone.
 * `kind` is a CSS-safe class name.
 */
export function kindLabel(
  kinds: KindRegistry,
  model: ModelDefinition | undefined,
): { kind: string; text: string } | undefined {
  if (!model) return undefined;
  const kind = kinds.of(model);
  if (!kind) return { kind: 'missing', text: 'kind not installed' };
  const text = kind.badge(model);
  return text === undefined ? undefined : { kind: kind.provided ? 'extension' : kind.key, text };
}
