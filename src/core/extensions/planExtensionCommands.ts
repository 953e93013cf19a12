import { StudioError } from '../errors/studioError';
import type { EventDraft } from '../events/eventMap';
import type { Sha256 } from '../events/hashChain';
import { canonicalJson } from '../events/canonicalJson';
import { parseExtensionPackage } from './extensionPackage';
import { createKindRegistry } from '../kinds/builtinKinds';
import { installedFromEvent, type InstalledExtension } from '../kinds/extension/installedExtension';
import { unloadedIfActive } from '../kinds/extension/extensionLifecycle';
import type { KindRegistry } from '../kinds/kindRegistry';
import type { ProjectDefinitions } from '../project/projectState';
import type { PlannedCommand } from '../feature/feature';
import type { ExtensionGrants } from '../ports/ports';
import type { ExtensionCommand } from './extensionCommands';

interface ExtensionCommandContext {
  defs: ProjectDefinitions;
  kinds: KindRegistry;
  sha256: Sha256;
  grants: ExtensionGrants | undefined;
  /** Extensions the conductor has activated and not unloaded. */
  active: ReadonlySet<string>;
}

const installedOrThrow = (defs: ProjectDefinitions, extensionId: string): InstalledExtension => {
  const extension = defs.extensions.get(extensionId);
  if (!extension)
    throw new StudioError(
      'not-found',
      `This project has no extension “${extensionId}”.`,
      'Reload the Extensions list; nothing was changed.',
    );
  return extension;
};

/** The steps of the project whose models are of one of `extension`'s kinds, as "Flow › Step" names. */
export function stepsUsing(defs: ProjectDefinitions, extensionId: string): string[] {
  const names: string[] = [];
  for (const flow of defs.flows.values()) {
    for (const step of flow.steps.values()) {
      const model = defs.models.get(step.modelId);
      if (model?.kind === 'extension' && model.extension.id === extensionId) names.push(`${flow.name} › ${step.label}`);
    }
  }
  return names;
}

/**
 * Installs, approves, enables, disables and removes extensions. Installing checks the file whole
 * (manifest with paths, capabilities, the code's hash) and that its id and kinds fit beside what
 * is installed, before anything is written; approval is this browser's, kept outside the log.
 */
export async function planExtensionCommand(
  ctx: ExtensionCommandContext,
  cmd: ExtensionCommand,
): Promise<PlannedCommand> {
  const { defs } = ctx;
  switch (cmd.type) {
    case 'installExtension': {
      const verdict = await parseExtensionPackage(cmd.file, ctx.sha256);
      if (!verdict.ok)
        throw new StudioError(
          'extension-invalid',
          `That extension was refused. ${verdict.problems.join(' ')}`,
          'Nothing was installed.',
        );
      const { manifest, code, hash } = verdict.pkg;
      const existing = defs.extensions.get(manifest.id);
      if (existing?.hash === hash)
        throw new StudioError(
          'extension-invalid',
          `“${existing.name}” ${existing.version} is installed already.`,
          'Nothing was changed.',
        );
      if (existing)
        throw new StudioError(
          'extension-invalid',
          `This project already has an extension with the id “${manifest.id}” (${existing.name} ${existing.version}).`,
          'Remove it first to install this version; nothing was installed.',
        );
      const event: EventDraft = {
        type: 'extension.registered',
        data: { extensionId: manifest.id, version: manifest.version, hash, manifest: manifest as never, code },
      };
      const installed = installedFromEvent(event.data);
      if (!installed)
        throw new StudioError(
          'extension-invalid',
          'That extension’s manifest cannot be read back.',
          'Nothing was installed.',
        );
      // The registry is the judge of clashes: built-in kinds and every enabled extension.
      const { refused } = createKindRegistry([...defs.extensions.values(), installed]);
      const clash = refused.find((r) => r.extensionId === installed.extensionId);
      if (clash)
        throw new StudioError(
          'extension-invalid',
          `That extension was refused. ${clash.reason}`,
          'Nothing was installed.',
        );
      if (cmd.approve)
        await ctx.grants?.approve({ hash, extensionId: manifest.id, name: manifest.name, version: manifest.version });
      return { drafts: [event] };
    }
    case 'approveExtension': {
      const extension = installedOrThrow(defs, cmd.extensionId);
      if (!ctx.grants)
        throw new StudioError(
          'storage-failed',
          'This studio cannot keep approvals here.',
          'Reload the studio and try again.',
        );
      await ctx.grants.approve({
        hash: extension.hash,
        extensionId: extension.extensionId,
        name: extension.name,
        version: extension.version,
      });
      return { drafts: [] };
    }
    case 'setExtensionEnabled': {
      const extension = installedOrThrow(defs, cmd.extensionId);
      if (extension.enabled === cmd.enabled) return { drafts: [] };
      const unloaded = cmd.enabled ? [] : unloadedIfActive(ctx.active, extension.extensionId, 'disabled');
      return {
        drafts: [
          ...unloaded,
          {
            type: cmd.enabled ? 'extension.enabled' : 'extension.disabled',
            data: { extensionId: extension.extensionId },
          },
        ],
      };
    }
    case 'removeExtension': {
      const extension = installedOrThrow(defs, cmd.extensionId);
      const users = stepsUsing(defs, extension.extensionId);
      if (users.length > 0 && !cmd.confirm) {
        throw new StudioError(
          'invalid-command',
          `“${extension.name}” is used by ${users.length === 1 ? 'the step' : `${users.length} steps`}: ${users.join('; ')}.`,
          'Confirm to remove it anyway: those steps will read “kind not installed” and their runs will not start. Nothing was changed.',
        );
      }
      const unloaded = unloadedIfActive(ctx.active, extension.extensionId, 'removed');
      return { drafts: [...unloaded, { type: 'extension.removed', data: { extensionId: extension.extensionId } }] };
    }
  }
}

/**
 * Why a flow cannot run with the extensions as they are: steps of a kind no enabled extension
 * provides, or of an extension this browser has not approved. Undefined when it can.
 */
export async function unrunnableSteps(
  defs: ProjectDefinitions,
  kinds: KindRegistry,
  flowIds: Iterable<string>,
  grants: ExtensionGrants | undefined,
  sha256: Sha256,
): Promise<StudioError | undefined> {
  const missing: string[] = [];
  const unapproved = new Map<string, InstalledExtension>();
  const used = new Map<string, InstalledExtension>();
  for (const flowId of flowIds) {
    const flow = defs.flows.get(flowId as never);
    for (const step of flow?.steps.values() ?? []) {
      const model = defs.models.get(step.modelId);
      if (!model || !flow) continue;
      if (!kinds.of(model)) missing.push(`“${step.label}” (flow ${flow.name})`);
      else if (model.kind === 'extension') {
        const extension = defs.extensions.get(model.extension.id);
        if (extension) used.set(extension.extensionId, extension);
        if (extension && !(await grants?.isApproved(extension.hash))) unapproved.set(extension.extensionId, extension);
      }
    }
  }
  if (missing.length > 0)
    return new StudioError(
      'kind-not-installed',
      `The run did not start: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} of a kind not installed.`,
      'Install or enable its extension under Project ▾ → Extensions, or replace those steps.',
    );
  // An imported log could pair an approved manifest with other code: both hashes are checked again.
  for (const extension of used.values()) {
    const intact =
      (await sha256(canonicalJson(extension.manifest))) === extension.hash &&
      (await sha256(extension.code)) === (extension.manifest['entry'] as { sha256?: unknown } | undefined)?.sha256;
    if (!intact)
      return new StudioError(
        'extension-invalid',
        `The run did not start: the code or manifest of “${extension.name}” ${extension.version} does not match its hash, so it was changed after it was packed.`,
        'Remove it and install it again from a file you trust.',
      );
  }
  if (unapproved.size > 0) {
    const names = [...unapproved.values()].map((e) => `“${e.name}” ${e.version}`).join(', ');
    return new StudioError(
      'kind-not-installed',
      `The run did not start: ${names} ${unapproved.size === 1 ? 'is' : 'are'} waiting for your approval.`,
      'Read what it asks for and approve it under Project ▾ → Extensions.',
    );
  }
  return undefined;
}
