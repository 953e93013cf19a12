import { z } from 'zod';
import { StudioError } from '../../errors/studioError';
import { formatIssues } from '../../errors/formatIssues';
import { convertSettingsSchema, settingsDefaults, type SettingsJsonSchema } from './settingsSchema';
import type { ExtensionEntry, KindModule } from '../kindModule';
import { runInSandbox } from '../sandboxWork';
import { documentSchemaOf } from '../documentSchema';
import { TEMPLATE_HEADER } from '../modelFields';
import { extensionModelSchema, type ExtensionModel } from './extensionModelSchema';
import type { InstalledExtension, ProvidedKind } from './installedExtension';

/** A provided kind's settings validator; anything goes if its schema no longer converts (it did when installed). */
function settingsOf(provided: ProvidedKind): z.ZodType {
  const converted = convertSettingsSchema(provided.settings as SettingsJsonSchema);
  return converted.ok ? converted.validator : z.record(z.string(), z.json());
}

const defaultsOf = (provided: ProvidedKind): Record<string, unknown> =>
  settingsDefaults({ settings: { properties: {}, ...provided.settings } as SettingsJsonSchema });

function template(extension: InstalledExtension, provided: ProvidedKind): string {
  const document = {
    kind: 'extension',
    extension: { id: extension.extensionId, kind: provided.kind },
    name: provided.label,
    description: provided.description,
    inputs: provided.inputs,
    outputs: provided.outputs,
    settings: defaultsOf(provided),
  };
  return `${TEMPLATE_HEADER}
// ${provided.label}, from the extension “${extension.name}” ${extension.version}${extension.author ? ` by ${extension.author}` : ''}.
// ${provided.description || 'Its code runs in a sandbox; what it may reach is what its manifest declares.'}
${JSON.stringify(document, null, 2)}
`;
}

/**
 * A kind an installed extension provides: its agents run the extension's code in the sandbox
 * (entry `exports.kinds[kind]`), with the model's settings, and whatever they ask of the world
 * goes through the conductor, within the extension's declared capabilities.
 */
export function extensionKind(extension: InstalledExtension, provided: ProvidedKind): KindModule<ExtensionModel> {
  const key = `${extension.extensionId}/${provided.kind}`;
  const settings = settingsOf(provided);
  const settingsWithDefaults = (given: Record<string, unknown>): Record<string, unknown> => {
    const parsed = settings.safeParse(given);
    return parsed.success && parsed.data && typeof parsed.data === 'object'
      ? (parsed.data as Record<string, unknown>)
      : given;
  };
  return {
    key,
    extensionId: extension.extensionId,
    label: provided.label,
    provided: { extensionName: extension.name, version: extension.version, kind: provided.kind },
    editor: 'definition',
    role: () => 'agent',
    capabilities: {
      network: extension.capabilities.network,
      llm: extension.capabilities.llm,
      secrets: extension.capabilities.secrets,
    },
    // As the manifest describes them: checked, with its defaults filled in.
    work: (model, ctx) =>
      runInSandbox(ctx, model.outputs, {
        code: extension.code,
        entry: { kind: provided.kind },
        settings: settingsWithDefaults(model.settings),
      }),
    check(model) {
      const parsed = settings.safeParse(model.settings);
      if (!parsed.success)
        throw new StudioError(
          'invalid-command',
          `That model was refused. In settings: ${formatIssues(parsed.error)}`,
          `Settings of ${provided.label} are described in the extension's manifest; nothing was saved.`,
        );
    },
    badge: () => provided.badge || extension.name,
    templates: [
      {
        key,
        label: provided.label,
        hint: `${provided.description || provided.label} (${extension.name} ${extension.version})`,
        text: () => template(extension, provided),
        document: documentSchemaOf(extensionModelSchema, {
          extension: z.strictObject({ id: z.literal(extension.extensionId), kind: z.literal(provided.kind) }),
          settings,
        }),
      },
    ],
    templateOf: () => key,
    docs: {
      extension: `The extension and kind that run this model: “${extension.name}”, kind ${provided.kind}.`,
      settings: `What ${provided.label} is set with, as its manifest describes.`,
      ...provided.docs,
    },
  };
}

/** An installed extension as the registry takes it: one entry, one module per kind it provides. */
export const extensionEntry = (extension: InstalledExtension): ExtensionEntry => ({
  id: extension.extensionId,
  name: extension.name,
  version: extension.version,
  kinds: extension.provides.map((provided) => extensionKind(extension, provided)),
});
