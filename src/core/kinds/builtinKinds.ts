import { BUILT_IN_KIND_LIST } from './builtinKindList';
import { extensionEntry } from './extension/extensionKind';
import type { InstalledExtension } from './extension/installedExtension';
import type { KindModule } from './kindModule';
import { KindRegistry } from './kindRegistry';

/** The studio's own kinds, each from its folder, in the order "New model ▾" lists them. */
export const BUILT_IN_KINDS: readonly KindModule[] = BUILT_IN_KIND_LIST;

/** The version built-in kinds register with: they are part of the studio. */
const BUILT_IN_VERSION = '1.0.0';

/**
 * A registry with every built-in kind, each registered as an extension of its own through the same
 * call third-party extensions use, then the project's enabled extensions. An extension that no
 * longer fits (its id or kinds clash) is left out and reported in `refused`.
 */
export function createKindRegistry(extensions: Iterable<InstalledExtension> = []): {
  registry: KindRegistry;
  refused: Array<{ extensionId: string; reason: string }>;
} {
  const registry = new KindRegistry();
  for (const kind of BUILT_IN_KINDS)
    registry.register({ id: kind.extensionId, name: kind.label, version: BUILT_IN_VERSION, kinds: [kind] });
  const refused: Array<{ extensionId: string; reason: string }> = [];
  for (const extension of extensions) {
    if (!extension.enabled) continue;
    try {
      registry.register(extensionEntry(extension));
    } catch (error) {
      refused.push({
        extensionId: extension.extensionId,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { registry, refused };
}
