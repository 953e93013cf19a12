import { z } from 'zod';
import { canonicalJson } from '../events/canonicalJson';
import type { Sha256 } from '../events/hashChain';
import {
  agentIdSchema,
  artifactHashSchema,
  artifactKindSchema,
  modelIdSchema,
  runIdSchema,
  stepIdSchema,
  type ArtifactKind,
  type ArtifactRef,
  type PortType,
} from '../events/primitives';
import type { ArtifactHash } from '../ids';

export const MAX_ARTIFACT_CHARS = 5_000_000;

export const provenanceSchema = z.strictObject({
  modelId: modelIdSchema,
  modelVersion: z.number().int().positive(),
  inputHashes: z.array(artifactHashSchema),
  runId: runIdSchema,
  stepId: stepIdSchema,
  /** Absent when no agent made it: a person gave it, or the conductor gathered it. */
  agentId: agentIdSchema.optional(),
  createdAt: z.number(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

/** An immutable value, addressed by the SHA-256 of its canonical form; provenance says where it came from. */
export const artifactRecordSchema = z.strictObject({
  v: z.literal(1),
  hash: artifactHashSchema,
  kind: artifactKindSchema,
  /** The canonical text: the string itself for text, canonical JSON otherwise. */
  body: z.string(),
  provenance: provenanceSchema.nullable(),
  /**
   * A table's columns in the order its producer wrote them (first appearance across the rows).
   * Canonical JSON sorts keys, so the body cannot say; kept beside it, outside the hash: equal
   * tables share one record, and the first writer's order is the one shown.
   */
  columns: z.array(z.string()).optional(),
});
export type ArtifactRecord = z.infer<typeof artifactRecordSchema>;

type Classified = { ok: true; kind: ArtifactKind; body: string; columns?: string[] } | { ok: false; reason: string };

const isPlainRow = (row: unknown): boolean => typeof row === 'object' && row !== null && !Array.isArray(row);

/** Decides how a value an agent emitted on a port of `portType` is stored, or why it can't be. */
export function classifyValue(value: unknown, portType: PortType): Classified {
  const asTable = Array.isArray(value) && value.length > 0 && value.every(isPlainRow);
  let kind: ArtifactKind;
  if (portType === 'text') {
    if (typeof value !== 'string') return { ok: false, reason: `expects text but got ${describe(value)}` };
    kind = 'text';
  } else if (portType === 'table') {
    if (!asTable) return { ok: false, reason: `expects a table (a list of row objects) but got ${describe(value)}` };
    kind = 'table';
  } else if (portType === 'json') {
    kind = 'json';
  } else {
    kind = typeof value === 'string' ? 'text' : asTable ? 'table' : 'json';
  }
  let body: string;
  try {
    body = kind === 'text' ? (value as string) : canonicalJson(value);
  } catch {
    return { ok: false, reason: 'holds a value JSON cannot carry (a function, NaN or Infinity, say)' };
  }
  if (body.length > MAX_ARTIFACT_CHARS)
    return {
      ok: false,
      reason: `is ${body.length.toLocaleString('en')} characters; the limit is ${MAX_ARTIFACT_CHARS.toLocaleString('en')}`,
    };
  return kind === 'table'
    ? { ok: true, kind, body, columns: tableColumns(value as Array<Record<string, unknown>>) }
    : { ok: true, kind, body };
}

/** A table's column names in the order they first appear, row by row (the order the producer wrote them). */
export function tableColumns(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export async function artifactHash(kind: ArtifactKind, body: string, sha256: Sha256): Promise<ArtifactHash> {
  return (await sha256(`${kind}\n${body}`)) as ArtifactHash;
}

/** `columns`: a table's column order (classifyValue gives it); it does not change the hash. */
export async function makeArtifact(
  kind: ArtifactKind,
  body: string,
  provenance: Provenance | null,
  sha256: Sha256,
  columns?: string[],
): Promise<ArtifactRecord> {
  const record: ArtifactRecord = { v: 1, hash: await artifactHash(kind, body, sha256), kind, body, provenance };
  return kind === 'table' && columns ? { ...record, columns } : record;
}

export function refOf(record: ArtifactRecord): ArtifactRef {
  return { hash: record.hash, kind: record.kind, size: record.body.length };
}

/** The value an agent receives for an artifact. */
export function artifactValue(record: ArtifactRecord): unknown {
  return record.kind === 'text' ? record.body : (JSON.parse(record.body) as unknown);
}
