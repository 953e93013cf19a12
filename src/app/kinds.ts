import { createKindRegistry } from '../core/kinds/builtinKinds';
import type { KindRegistry } from '../core/kinds/kindRegistry';
import type { ProjectDefinitions } from '../core/project/projectState';

const registries = new WeakMap<ProjectDefinitions['extensions'], KindRegistry>();

/**
 * The kind registry for a project as it is: the built-in kinds and its enabled extensions. The
 * editors, the palette and the canvas ask it, as the conductor does; one registry per state of
 * the project's extensions, so React renders of the same project share it.
 */
export function kindsOf(defs: ProjectDefinitions): KindRegistry {
  let registry = registries.get(defs.extensions);
  if (!registry) {
    registry = createKindRegistry(defs.extensions.values()).registry;
    registries.set(defs.extensions, registry);
  }
  return registry;
}
