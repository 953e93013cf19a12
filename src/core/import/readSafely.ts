import { parse as parseYaml } from 'yaml';
import { StudioError } from '../errors/studioError';

/** The largest file another tool's import reads (a 2,000-node n8n export is about 2 MB). */
export const MAX_FOREIGN_IMPORT_CHARS = 20_000_000;
/** Deeper than this is not a workflow but an attack on the reader (or a broken file). */
export const MAX_NESTING = 100;
/** YAML aliases the reader expands at most: an anchor bomb needs thousands. */
const MAX_YAML_ALIASES = 200;

const HINT =
  'Nothing was imported. Pick a .rivet-project, a .rivet-graph or an n8n workflow (.json) as the tool saved it.';

export const refuse = (message: string, hint = HINT): StudioError => new StudioError('invalid-record', message, hint);

/** JSON, strictly: trailing text after the document is refused (with where), as is nesting past MAX_NESTING. */
export function readJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw refuse(`This file is not valid JSON (${detail}).`);
  }
  checkNesting(value);
  return value;
}

/**
 * YAML with the limits an untrusted file needs: aliases counted (an “anchor bomb” that would
 * expand to gigabytes is refused), duplicate keys refused, nesting checked before anything
 * walks the value, and only the core schema (no custom tags).
 */
export function readYaml(text: string): unknown {
  if (deepestBracketNesting(text) > MAX_NESTING)
    throw refuse(`This file nests deeper than ${MAX_NESTING} levels, which no Rivet project does.`);
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: MAX_YAML_ALIASES, uniqueKeys: true, schema: 'core', prettyErrors: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (error instanceof RangeError || /call stack/i.test(detail ?? ''))
      throw refuse(`This file nests deeper than the reader goes, which no Rivet project does.`);
    if (/alias/i.test(detail ?? ''))
      throw refuse(
        `This YAML file expands its aliases (anchors) too many times (${detail}); it looks built to exhaust memory.`,
      );
    throw refuse(`This file is not valid YAML (${detail}).`);
  }
  checkNesting(value);
  return value;
}

/** Refuses a value nested deeper than MAX_NESTING, without recursion (so the check itself cannot overflow). */
export function checkNesting(value: unknown): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > MAX_NESTING) throw refuse(`This file nests deeper than ${MAX_NESTING} levels, which no workflow does.`);
    for (const child of Object.values(item as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
}

/** How deep `[`/`{` flow collections nest in a YAML text (a cheap guard before the parser recurses). */
function deepestBracketNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return deepest;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
