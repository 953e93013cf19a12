import type { StoredEvent } from '../core/events/storedEvent';
import { installedFromEvent, type ExtensionCapabilities } from '../core/kinds/extension/installedExtension';

/** An extension an imported project carries, as the import dialog shows it for approval. */
export interface ImportedExtension {
  extensionId: string;
  name: string;
  version: string;
  author: string;
  hash: string;
  capabilities: ExtensionCapabilities;
}

/**
 * The extensions a log leaves installed: registered and not removed since (disabled ones too,
 * since they can be enabled again). The order is the order they were installed in.
 */
export function extensionsInLog(events: readonly StoredEvent[]): ImportedExtension[] {
  const installed = new Map<string, ImportedExtension>();
  for (const event of events) {
    if (event.type === 'extension.registered') {
      const extension = installedFromEvent(event.data);
      if (!extension) continue;
      const { extensionId, name, version, author, hash, capabilities } = extension;
      installed.set(extensionId, { extensionId, name, version, author, hash, capabilities });
    } else if (event.type === 'extension.removed') installed.delete(event.data.extensionId);
  }
  return [...installed.values()];
}
