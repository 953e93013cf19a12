import { canonicalJson } from '../events/canonicalJson';
import type { Sha256 } from '../events/hashChain';
import { sentence } from './issueSentences';
import { parseManifest, type ExtensionManifest, type ExtensionManifestSource } from './manifest';

/** What the `format` field of every extension file says. */
export const EXTENSION_FORMAT = 'conductor-extension';
/** The newest file layout this studio reads (and the one it writes). */
export const EXTENSION_FORMAT_VERSION = 1;
export const MAX_EXTENSION_CODE_CHARS = 500_000;
/** The whole file: the code, its manifest and JSON's escaping, with room to spare. */
const MAX_EXTENSION_FILE_CHARS = 2_000_000;
const ENVELOPE_FIELDS = ['format', 'formatVersion', 'manifest', 'code'];

/**
 * An installable extension, checked: its manifest, its entry code, and `hash`, the SHA-256 of
 * the canonical manifest. The manifest names the code's hash, so `hash` identifies both: it is
 * what a project records and an export carries.
 */
export interface ExtensionPackage {
  manifest: ExtensionManifest;
  code: string;
  hash: string;
}

export type PackageVerdict = { ok: true; pkg: ExtensionPackage } | { ok: false; problems: string[] };

/**
 * Reads an extension file (`{ format, formatVersion, manifest, code }`) and checks all of it: the
 * layout, the manifest (each problem with its path), the code's size, and that the code is the
 * one its manifest names. Never throws; every refusal is a sentence that names where.
 */
export async function parseExtensionPackage(
  text: string,
  sha256: Sha256,
  options: { studioVersion?: string } = {},
): Promise<PackageVerdict> {
  if (text.length > MAX_EXTENSION_FILE_CHARS)
    return refuse(
      [],
      `the file is ${count(text.length)} characters; an extension file holds at most ${count(MAX_EXTENSION_FILE_CHARS)}`,
    );
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    return refuse(
      [],
      `the file is not JSON (${error instanceof Error ? error.message : String(error)}); choose a .conductor-extension.json file`,
    );
  }
  if (typeof file !== 'object' || file === null || Array.isArray(file))
    return refuse([], `the file holds ${describe(file)}, not an extension; choose a .conductor-extension.json file`);
  const envelope = file as Record<string, unknown>;
  if (envelope.format !== EXTENSION_FORMAT) {
    const found = typeof envelope.format === 'string' ? `is “${envelope.format}”` : 'is missing';
    return refuse(
      ['format'],
      `${found}, so this is not a Conductor extension (an extension file says "${EXTENSION_FORMAT}")`,
    );
  }
  const version = envelope.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return refuse(['formatVersion'], `must be a whole number from 1 (this file has ${describe(version)})`);
  if (version > EXTENSION_FORMAT_VERSION) {
    return refuse(
      ['formatVersion'],
      `is ${version}: the file was made by a newer studio (this one reads version ${EXTENSION_FORMAT_VERSION}); update the studio to install it`,
    );
  }

  const problems = Object.keys(envelope)
    .filter((key) => !ENVELOPE_FIELDS.includes(key))
    .map((key) => sentence([key], 'is not a field of an extension file; remove it'));
  const code = envelope.code;
  if (typeof code !== 'string')
    problems.push(
      sentence(
        ['code'],
        code === undefined
          ? 'is missing (it must be the JavaScript text of the extension)'
          : `must be the JavaScript text of the extension, not ${describe(code)}`,
      ),
    );
  else if (code.length > MAX_EXTENSION_CODE_CHARS)
    problems.push(
      sentence(['code'], `is ${count(code.length)} characters; the limit is ${count(MAX_EXTENSION_CODE_CHARS)}`),
    );
  const verdict = parseManifest(envelope.manifest, { prefix: ['manifest'], ...options });
  if (!verdict.ok) problems.push(...verdict.problems);
  if (problems.length > 0 || !verdict.ok || typeof code !== 'string') return { ok: false, problems };

  const manifest = verdict.manifest;
  const codeHash = await sha256(code);
  if (codeHash !== manifest.entry.sha256) {
    return refuse(
      ['code'],
      `the code's sha256 is ${codeHash} but the manifest says ${manifest.entry.sha256}: the file was changed after it was packed; pack it again or get a fresh copy`,
    );
  }
  return { ok: true, pkg: { manifest, code, hash: await sha256(canonicalJson(manifest)) } };
}

export type PackResult = { ok: true; text: string; pkg: ExtensionPackage } | { ok: false; problems: string[] };

/**
 * Packs a hand-written manifest and its entry code into the file people install: fills in
 * `entry.sha256`, writes pretty JSON, and reads the result back, so whatever it returns installs.
 */
export async function packExtension(
  manifest: ExtensionManifestSource,
  code: string,
  sha256: Sha256,
  options: { studioVersion?: string } = {},
): Promise<PackResult> {
  const entry = { sha256: await sha256(code) };
  const file = {
    format: EXTENSION_FORMAT,
    formatVersion: EXTENSION_FORMAT_VERSION,
    manifest: { ...manifest, entry },
    code,
  };
  const text = `${JSON.stringify(file, null, 2)}\n`;
  const verdict = await parseExtensionPackage(text, sha256, options);
  return verdict.ok ? { ok: true, text, pkg: verdict.pkg } : verdict;
}

function refuse(path: readonly PropertyKey[], message: string): PackageVerdict {
  return { ok: false, problems: [sentence(path, message)] };
}

function count(n: number): string {
  return n.toLocaleString('en');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
