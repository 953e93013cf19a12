import { canonicalJson } from '../events/canonicalJson';
import { GENESIS_HASH } from '../events/storedEvent';
import type { Sha256 } from '../events/hashChain';
import { auditLineSchema, type AuditLine } from './handoffSchemas';

export type AuditEntry = Omit<AuditLine, 'seq' | 'prev_hash' | 'hash'>;

/** Where a chain of audit lines ends: the next line's seq and prev_hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export const EMPTY_AUDIT_HEAD: AuditHead = { seq: -1, hash: GENESIS_HASH };

/** The next line after `head`, hashed as the log's events are: SHA-256 of its canonical JSON without `hash`. */
export async function nextAuditLine(head: AuditHead, entry: AuditEntry, sha256: Sha256): Promise<AuditLine> {
  const unhashed = { ...entry, seq: head.seq + 1, prev_hash: head.hash };
  return { ...unhashed, hash: await sha256(canonicalJson(unhashed)) };
}

export type AuditVerdict =
  | { ok: true; lines: AuditLine[]; head: AuditHead }
  | { ok: false; line: number; reason: string; lines: AuditLine[]; head: AuditHead };

/**
 * Reads an audit.log and re-derives its chain. The lines before the first broken one are returned
 * with the head they reach, so the studio can show where the file was edited.
 */
export async function readAuditLog(text: string, sha256: Sha256): Promise<AuditVerdict> {
  const lines: AuditLine[] = [];
  let head = EMPTY_AUDIT_HEAD;
  const rows = text.split('\n').filter((row) => row.trim() !== '');
  for (const [index, row] of rows.entries()) {
    const lineNo = index + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(row);
    } catch {
      return { ok: false, line: lineNo, reason: `line ${lineNo} is not JSON`, lines, head };
    }
    const checked = auditLineSchema.safeParse(parsed);
    if (!checked.success)
      return { ok: false, line: lineNo, reason: `line ${lineNo} is not an audit line`, lines, head };
    const line = checked.data;
    if (line.seq !== head.seq + 1 || line.prev_hash !== head.hash)
      return { ok: false, line: lineNo, reason: `line ${lineNo} does not link to the line before it`, lines, head };
    const { hash, ...rest } = line;
    if ((await sha256(canonicalJson(rest))) !== hash)
      return { ok: false, line: lineNo, reason: `line ${lineNo} was changed after it was written`, lines, head };
    lines.push(line);
    head = { seq: line.seq, hash };
  }
  return { ok: true, lines, head };
}
