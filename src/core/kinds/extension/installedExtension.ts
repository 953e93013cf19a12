import { z } from 'zod';
import { portSchema } from '../../events/primitives';
import type { EventData } from '../../events/eventMap';

/**
 * What the studio reads back of an installed manifest. The manifest was checked in full by the
 * extension package's schema when it was installed (src/core/extensions); this reads the parts
 * the registry and the conductor use, leniently, so a later studio that adds manifest fields still
 * folds a log an older one wrote.
 */
const providedKindSchema = z.object({
  kind: z.string(),
  label: z.string(),
  description: z.string().default(''),
  badge: z.string().default(''),
  inputs: z.array(portSchema).default([]),
  outputs: z.array(portSchema).min(1),
  settings: z.record(z.string(), z.json()).default({ type: 'object', properties: {} }),
  docs: z.record(z.string(), z.string()).default({}),
});
const manifestView = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  description: z.string().default(''),
  author: z.string().default(''),
  provides: z.array(providedKindSchema).default([]),
  capabilities: z
    .object({
      network: z.array(z.string()).default([]),
      llm: z.boolean().default(false),
      secrets: z.array(z.string()).default([]),
    })
    .default({ network: [], llm: false, secrets: [] }),
});

export type ProvidedKind = z.infer<typeof providedKindSchema>;
export type ExtensionCapabilities = z.infer<typeof manifestView>['capabilities'];

/** An extension of the project, as the log says it is now. */
export interface InstalledExtension {
  extensionId: string;
  name: string;
  version: string;
  description: string;
  author: string;
  /** sha256 of the manifest's canonical JSON: what a person approves. */
  hash: string;
  capabilities: ExtensionCapabilities;
  provides: readonly ProvidedKind[];
  code: string;
  manifest: Record<string, unknown>;
  enabled: boolean;
}

/** The extension an `extension.registered` event installs; undefined if its manifest cannot be read. */
export function installedFromEvent(data: EventData<'extension.registered'>): InstalledExtension | undefined {
  const view = manifestView.safeParse(data.manifest);
  if (!view.success) return undefined;
  const m = view.data;
  return {
    extensionId: data.extensionId,
    name: m.name,
    version: data.version,
    description: m.description,
    author: m.author,
    hash: data.hash,
    capabilities: m.capabilities,
    provides: m.provides,
    code: data.code,
    manifest: data.manifest,
    enabled: true,
  };
}
