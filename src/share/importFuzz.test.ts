import { seededRandom } from '../core/agents/seededRandom';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../core/errors/studioError';
import { verifyChain } from '../core/events/hashChain';
import { openSoundLog } from '../core/log/openLog';
import type { ProjectId } from '../core/ids';
import { sha256 } from '../runtime/sha256';
import v2 from './fixtures/export-v2.json';
import v1 from './fixtures/export-v1.json';
import v3 from './fixtures/export-v3.json';
import { importProject, MemoryImportTarget } from './importTarget';
import { emptyRuns, foldRuns } from '../core/run/runState';
import type { StoredEvent } from '../core/events/storedEvent';

/** The runs as a person sees them (statuses, outputs, reasons), free of the ids a copy changes. */
const replay = (events: readonly StoredEvent[]): string => {
  const runs = events.reduce(foldRuns, emptyRuns);
  return JSON.stringify(
    runs.order.map((id) => [runs.runs.get(id)?.status, [...(runs.runs.get(id)?.steps.values() ?? [])]]),
  );
};
/** The bases mutated: every released version; v3 is signed, so most changes to it fail its signature. */
const bases = [v1, v2, v3, v2, v3].map((doc) => ({ doc, original: replay(doc.events as unknown as StoredEvent[]) }));

/** The studio's seeded generator, so a failing case can be replayed from its seed. */
const random = seededRandom;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const WEIRD: Json[] = [
  null,
  true,
  0,
  -1,
  1e308,
  2 ** 53,
  '',
  ' ',
  '__proto__',
  'constructor',
  '<img src=x onerror=alert(1)>',
  'a'.repeat(300),
  [],
  {},
  JSON.parse('{"__proto__":1}') as Json,
  [null],
  '0'.repeat(64),
];

/** Every container in the tree, with a way to change it. */
function containers(root: Json): Array<Json[] | { [key: string]: Json }> {
  const out: Array<Json[] | { [key: string]: Json }> = [];
  const visit = (v: Json): void => {
    if (v === null || typeof v !== 'object') return;
    out.push(v);
    (Array.isArray(v) ? v : Object.values(v)).forEach(visit);
  };
  visit(root);
  return out;
}

function mutate(doc: Json, rand: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const all = containers(doc);
  const times = 1 + Math.floor(rand() * 3);
  for (let n = 0; n < times; n++) {
    const target = pick(all);
    const keys: Array<string | number> = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
    const key = keys.length > 0 ? pick(keys) : 0;
    const record = target as Record<string | number, Json>;
    switch (Math.floor(rand() * 8)) {
      case 0: // delete
        if (Array.isArray(target)) target.splice(Number(key), 1);
        else delete record[key];
        break;
      case 1: // replace with something odd
        record[key] = structuredClone(pick(WEIRD));
        break;
      case 2: // add an unknown or dangerous key
        if (!Array.isArray(target))
          Object.defineProperty(target, pick(['__proto__', 'constructor', 'extra', 'prototype']), {
            value: pick(WEIRD),
            enumerable: true,
            configurable: true,
            writable: true,
          });
        break;
      case 3: // duplicate or reorder array items
        if (Array.isArray(target) && target.length > 1) {
          const i = Math.floor(rand() * target.length);
          const j = Math.floor(rand() * target.length);
          if (rand() < 0.5) target.splice(j, 0, structuredClone(target[i] as Json));
          else [target[i], target[j]] = [target[j] as Json, target[i] as Json];
        }
        break;
      case 4: {
        // nudge a string or a number
        const value = record[key];
        if (typeof value === 'string')
          record[key] =
            value.length > 0 ? value.slice(0, -1) + String.fromCharCode(value.charCodeAt(value.length - 1) ^ 1) : 'x';
        else if (typeof value === 'number') record[key] = value + pick([1, -1, 0.5, 1e9]);
        break;
      }
      default:
        break; // leave the tree; the text itself is mangled below
    }
  }
  let text = JSON.stringify(doc);
  const textual = rand();
  if (textual < 0.08) text = text.slice(0, Math.floor(rand() * text.length));
  else if (textual < 0.14) {
    const at = Math.floor(rand() * text.length);
    text = text.slice(0, at) + pick(['"', '{', ']', ',', '\\u0000', 'null', '\u2028']) + text.slice(at + 1);
  }
  return text;
}

describe('the importer under fuzz', () => {
  it('imports each of 3,000 mutated exports correctly or refuses it with a sentence; none crashes or writes partially', async () => {
    const rand = random(20_240_611);
    const outcomes = { imported: 0, refused: 0 };
    const started = Date.now();
    for (let i = 0; i < 3_000; i++) {
      const base = bases[i % bases.length] as (typeof bases)[number];
      const text = mutate(structuredClone(base.doc as Json), rand);
      const target = new MemoryImportTarget();
      const newProjectId = `p_fuzz_${i}` as ProjectId;
      try {
        const plan = await importProject(text, target, {
          sha256,
          subtle: globalThis.crypto.subtle,
          newProjectId,
          now: 1,
        });
        // Accepted: what was written is whole and sound.
        const written = target.events.get(newProjectId) ?? [];
        expect(written).toEqual(plan.events);
        expect(await verifyChain(written, sha256), `case ${i}`).toMatchObject({ ok: true });
        for (const record of plan.artifacts) expect(target.artifacts.get(record.hash)).toBe(record);
        // …and it replays exactly as the original did: no mutation got into the log.
        expect(replay((await openSoundLog(written, sha256)).events), `case ${i}`).toBe(base.original);
        // Files from before signing never come out signed, whatever was added to them.
        if (base.doc !== v3) expect(plan.signature.kind, `case ${i}`).toBe('not-signed');
        outcomes.imported += 1;
      } catch (error) {
        if (!(error instanceof StudioError))
          throw new Error(`case ${i} crashed instead of refusing: ${String(error)}\n${text.slice(0, 400)}`, {
            cause: error,
          });
        expect(error.message.length, `case ${i}`).toBeGreaterThan(10);
        expect(error.hint, `case ${i}`).not.toBe('');
        expect(target.events.size + target.artifacts.size + target.names.size, `case ${i} wrote partially`).toBe(0);
        outcomes.refused += 1;
      }
    }
    expect(({} as Record<string, unknown>)['extra']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('prototype');
    // Both paths were exercised: harmless mutations (exportedAt, unused extras) pass, the rest are refused.
    expect(outcomes.imported).toBeGreaterThan(20);
    expect(outcomes.refused).toBeGreaterThan(2_000);
    console.info(
      `import fuzz: ${outcomes.imported} imported, ${outcomes.refused} refused in ${Date.now() - started} ms`,
    );
  }, 60_000);
});
