import { z } from 'zod';
import { labelSchema, portSchema } from '../events/primitives';
import { issueSentences, sentence } from './issueSentences';
import { settingNameSchema, settingsJsonSchemaSchema, settingsSchemaProblems } from '../kinds/extension/settingsSchema';
import { compareVersions, SEMVER_PATTERN, STUDIO_VERSION } from './studioVersion';

export const MAX_PROVIDED_KINDS = 16;

/** Lower-case slugs: safe as keys, in file names and beside the built-in kinds' names. */
const slugSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,62}$/,
    'must be a lower-case slug: a letter, then letters, digits or -, 2 to 63 characters',
  );
const semverSchema = z.string().regex(SEMVER_PATTERN, 'must be a version x.y.z, such as 1.0.0');

const uniquePorts = (ports: { name: string }[]) => new Set(ports.map((p) => p.name)).size === ports.length;

/**
 * An origin exactly (scheme, host and port; no path, query or credentials), normalised the way
 * URL does it, so "HTTP://Example.com:80" and "http://example.com" are one origin.
 */
export const originSchema = z.string().transform((text, ctx) => {
  const reason = originProblem(text);
  if (reason !== undefined) {
    ctx.addIssue({ code: 'custom', message: reason });
    return z.NEVER;
  }
  return new URL(text).origin;
});

function originProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `“${text}” is not a URL; write an origin such as http://127.0.0.1:4610`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `“${text}” is not an http(s) origin; write one such as https://api.example.com`;
  if (url.username !== '' || url.password !== '')
    return `“${text}” carries a user name or password; write the origin alone (keys belong in capabilities.secrets)`;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '')
    return `“${text}” has a path; write the origin alone, such as ${url.origin}`;
  return undefined;
}

/** The name of an API key kept in this browser's key store (the same rule as an LLM model's apiKeyName). */
const secretNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'use letters, digits, - _ or . (64 at most)');

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

/**
 * What an extension may do beyond computing on its inputs. Nothing else exists: an unknown key is
 * refused (see issueSentences), so a manifest cannot ask for a capability the conductor does not mediate.
 */
export const capabilitiesSchema = z.strictObject({
  /** Origins ctx.fetch may reach; every other URL is refused. */
  network: z.array(originSchema).max(16).refine(unique, 'lists an origin twice').optional(),
  /** Whether ctx.llm may call the project's LLM models (metered and budgeted like an LLM step). */
  llm: z.boolean().optional(),
  /** Names of API keys the conductor may attach to the extension's requests. */
  secrets: z.array(secretNameSchema).max(16).refine(unique, 'lists a key twice').optional(),
});
export type ExtensionCapabilities = z.infer<typeof capabilitiesSchema>;

/** One model kind an extension provides: how it looks in New model ▾ and on the canvas, its ports and settings. */
export const providedKindSchema = z
  .strictObject({
    kind: slugSchema,
    label: labelSchema,
    description: z.string().max(2_000),
    /** Shown on the canvas step, like the built-ins' "LLM" or "Gate". */
    badge: z
      .string()
      .trim()
      .min(1, 'cannot be empty')
      .max(16, 'is longer than 16 characters')
      .meta({ description: 'Shown on the canvas step (16 characters at most).' }),
    inputs: z.array(portSchema).max(16).refine(uniquePorts, 'port names must be unique'),
    outputs: z
      .array(portSchema)
      .min(1, 'a kind needs at least one output')
      .max(16)
      .refine(uniquePorts, 'port names must be unique'),
    settings: settingsJsonSchemaSchema.meta({
      description:
        'A JSON Schema object (type "object" with properties) for the step\'s settings; each property\'s default fills the template.',
    }),
    /** Hover text per settings field, for the editor. */
    docs: z.record(settingNameSchema, z.string().max(2_000)).optional(),
  })
  .superRefine((kind, ctx) => {
    for (const [path, message] of settingsSchemaProblems(kind.settings))
      ctx.addIssue({ code: 'custom', path: ['settings', ...path], message });
    for (const field of Object.keys(kind.docs ?? {})) {
      if (!Object.hasOwn(kind.settings.properties, field))
        ctx.addIssue({
          code: 'custom',
          path: ['docs', field],
          message: `documents “${field}”, which is not one of its settings`,
        });
    }
  });
export type ProvidedKind = z.infer<typeof providedKindSchema>;

export const extensionManifestSchema = z.strictObject({
  id: slugSchema.meta({ description: 'A lower-case slug that names the extension, such as csv-tools.' }),
  name: labelSchema.meta({ description: 'What the Extensions panel calls it.' }),
  version: semverSchema.meta({ description: 'Its own version, x.y.z.' }),
  description: z
    .string()
    .max(500, 'is longer than 500 characters')
    .meta({ description: 'What it does, in a sentence or two (500 characters at most).' }),
  author: z
    .string()
    .trim()
    .min(1, 'cannot be empty')
    .max(120, 'is longer than 120 characters')
    .meta({ description: 'Who wrote it.' }),
  /** The oldest studio the extension works in. */
  minStudioVersion: semverSchema.meta({
    description: 'The oldest studio it works in; a newer one than this studio is refused.',
  }),
  provides: z
    .array(providedKindSchema)
    .min(1, 'an extension provides at least one kind')
    .max(MAX_PROVIDED_KINDS, `an extension provides at most ${MAX_PROVIDED_KINDS} kinds`)
    .superRefine((kinds, ctx) => {
      const first = new Map<string, number>();
      for (const [index, { kind }] of kinds.entries()) {
        const earlier = first.get(kind);
        if (earlier === undefined) first.set(kind, index);
        else
          ctx.addIssue({
            code: 'custom',
            path: [index, 'kind'],
            message: `“${kind}” is provided twice (also at provides.${earlier}); give each kind its own name`,
          });
      }
    }),
  capabilities: capabilitiesSchema.meta({
    description:
      'What it may do beyond computing on its inputs: network (origins), llm (true) and secrets (key names). Nothing else exists.',
  }),
  /** Names the entry code by its hash, so the manifest's own hash identifies the code too. */
  entry: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex') }),
});
export type ExtensionManifest = z.infer<typeof extensionManifestSchema>;
/** A manifest as written by hand, before packing fills in `entry`. */
export type ExtensionManifestSource = Omit<z.input<typeof extensionManifestSchema>, 'entry'>;

export type ManifestVerdict = { ok: true; manifest: ExtensionManifest } | { ok: false; problems: string[] };

/**
 * Checks a manifest against the schema and this studio: every problem as a path sentence
 * ("At provides.0.badge: is longer than 16 characters"), under `prefix` (the package puts the
 * manifest at `manifest`). A manifest that needs a newer studio is refused too.
 */
export function parseManifest(
  value: unknown,
  options: { studioVersion?: string; prefix?: readonly PropertyKey[] } = {},
): ManifestVerdict {
  const prefix = options.prefix ?? [];
  const parsed = extensionManifestSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: issueSentences(parsed.error, prefix) };
  const studioVersion = options.studioVersion ?? STUDIO_VERSION;
  const manifest = parsed.data;
  if (compareVersions(manifest.minStudioVersion, studioVersion) > 0) {
    const problem = `“${manifest.name}” needs studio ${manifest.minStudioVersion} or newer, and this is ${studioVersion}; update the studio to install it`;
    return { ok: false, problems: [sentence([...prefix, 'minStudioVersion'], problem)] };
  }
  return { ok: true, manifest };
}

/** The manifest's JSON Schema, for the editor (completion and hover). Describes the input as written. */
export function extensionManifestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(extensionManifestSchema, { io: 'input', unrepresentable: 'any' });
}
