import type { EventDraft } from '../../src/core/events/eventMap';
import { sealEvents } from '../../src/core/log/sealEvents';
import type { StoredEvent } from '../../src/core/events/storedEvent';
import type { ProjectId, RunId } from '../../src/core/ids';
import { sha256 } from '../../src/runtime/sha256';
import { DexieEventLog } from '../../src/storage/dexieEventLog';
import { StudioDb } from '../../src/storage/studioDb';
import { stepLifeEvents } from './syntheticLog';
import { pause } from './stats';

export interface LogAppendResult {
  events: number;
  avgEventBytes: number;
  /** DexieEventLog.append: validation, hash chain, group commit to IndexedDB. Events/s per repeat. */
  logEventsPerSec: number[];
  /** Raw Dexie bulkAdd of the very records the log wrote, 1,000 per transaction. */
  rawEventsPerSec: number[];
  /** Validation and hash chain alone (sealEvents, no storage): where the log's own cost goes. */
  sealEventsPerSec: number[];
  /** Transactions the log used (group commit batches), per repeat. */
  logTransactions: number[];
}

const PROJECT = 'p_bench_log' as ProjectId;
const CALLER_EVENTS = 5;
const IN_FLIGHT = 200;

/** What the conductor appends, one agent's life at a time: 5 drafts per caller, ~270 bytes each. */
function draftsFor(total: number): EventDraft[][] {
  const callers: EventDraft[][] = [];
  let seq = 0;
  for (let i = 0; callers.length * CALLER_EVENTS < total; i++) {
    const runId = `run_${Math.floor(i / 1000)}` as RunId;
    callers.push(
      stepLifeEvents(runId, i, () => seq++, 0).map(
        (e) => ({ type: e.type, runId: e.runId, data: e.data }) as EventDraft,
      ),
    );
  }
  return callers;
}

const freshDb = (): StudioDb => new StudioDb(`bench-log-${Math.random().toString(36).slice(2)}`);

async function drop(db: StudioDb): Promise<void> {
  db.close();
  await db.delete();
}

/** Appends every caller's drafts with up to IN_FLIGHT callers waiting, as a busy conductor would. */
async function appendThroughLog(
  callers: EventDraft[][],
): Promise<{ seconds: number; written: StoredEvent[]; transactions: number }> {
  const db = freshDb();
  await db.open();
  let transactions = 0;
  const originalTransaction = db.transaction.bind(db) as (...args: unknown[]) => unknown;
  (db as unknown as { transaction: (...args: unknown[]) => unknown }).transaction = (...args: unknown[]) => {
    transactions += 1;
    return originalTransaction(...args);
  };
  const log = new DexieEventLog(db, PROJECT, sha256, () => 1_000);
  const written: StoredEvent[][] = [];
  const t0 = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < callers.length) {
      const mine = next++;
      written[mine] = await log.append(callers[mine] as EventDraft[]);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - t0) / 1000;
  await drop(db);
  return { seconds, written: written.flat(), transactions };
}

async function bulkAddRaw(records: readonly StoredEvent[]): Promise<number> {
  const db = freshDb();
  await db.open();
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += 1_000) {
    const batch = records.slice(i, i + 1_000);
    await db.transaction('rw', db.events, () => db.events.bulkAdd(batch));
  }
  const seconds = (performance.now() - t0) / 1000;
  await drop(db);
  return seconds;
}

async function sealOnly(callers: EventDraft[][]): Promise<number> {
  let head: { seq: number; hash: string } | null = null;
  const t0 = performance.now();
  for (const drafts of callers) {
    const sealed = await sealEvents({ projectId: PROJECT, head, drafts, now: 1_000, sha256 });
    const last = sealed.at(-1) as StoredEvent;
    head = { seq: last.seq, hash: last.hash };
  }
  return (performance.now() - t0) / 1000;
}

export async function benchLogAppend(opts: { events: number; repeats: number }): Promise<LogAppendResult> {
  const callers = draftsFor(opts.events);
  const total = callers.reduce((n, c) => n + c.length, 0);
  const result: LogAppendResult = {
    events: total,
    avgEventBytes: 0,
    logEventsPerSec: [],
    rawEventsPerSec: [],
    sealEventsPerSec: [],
    logTransactions: [],
  };
  // Warm-up on a tenth of the load.
  const warm = await appendThroughLog(callers.slice(0, Math.ceil(callers.length / 10)));
  await bulkAddRaw(warm.written);
  result.avgEventBytes = Math.round(
    warm.written.reduce((n, e) => n + JSON.stringify(e).length, 0) / warm.written.length,
  );
  let written: StoredEvent[] = [];
  for (let r = 0; r < opts.repeats; r++) {
    await pause(50);
    // Alternate which goes first, so neither always meets a colder or warmer disk.
    const runLog = async (): Promise<void> => {
      const run = await appendThroughLog(callers);
      written = run.written;
      result.logEventsPerSec.push(total / run.seconds);
      result.logTransactions.push(run.transactions);
    };
    if (r % 2 === 0) {
      await runLog();
      await pause(50);
      result.rawEventsPerSec.push(total / (await bulkAddRaw(written)));
    } else {
      // The previous repeat wrote the very same records (same drafts, same chain).
      result.rawEventsPerSec.push(total / (await bulkAddRaw(written)));
      await pause(50);
      await runLog();
    }
    result.sealEventsPerSec.push(total / (await sealOnly(callers)));
  }
  return result;
}
