import { expect, type Page } from '@playwright/test';
import { openLog } from '../../src/core/log/openLog';
import type { EventRecord, StoredEvent } from '../../src/core/events/storedEvent';
import { sha256 } from '../../src/runtime/sha256';

/** The open project's id, as the studio remembers it. */
export function openProjectId(page: Page): Promise<string> {
  return page.evaluate(() => localStorage.getItem('conductor-studio:last-project') ?? '');
}

/** A project's records exactly as IndexedDB holds them, read around the studio (never through it). */
export function readRecords(page: Page, projectId: string): Promise<EventRecord[]> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('conductor-studio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('open failed'));
    });
    const request = db
      .transaction('events')
      .objectStore('events')
      .getAll(IDBKeyRange.bound([id, 0], [id, Infinity]));
    const all = await new Promise<unknown[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
    db.close();
    return all as EventRecord[];
  }, projectId);
}

/** Writes one record straight into IndexedDB, as something outside the studio might. */
export function putRecord(page: Page, record: EventRecord): Promise<void> {
  return page.evaluate(async (row) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('conductor-studio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('open failed'));
    });
    const tx = db.transaction('events', 'readwrite');
    tx.objectStore('events').put(row);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
    db.close();
  }, record);
}

/**
 * Every stored event of a project, read the way the studio opens a log: the chain is verified
 * over the records as stored (the test fails if it is not sound), then each is decoded.
 */
export async function readLog(page: Page, projectId: string): Promise<StoredEvent[]> {
  const opened = await openLog(await readRecords(page, projectId), sha256);
  expect(opened.damage, 'the stored chain verifies').toBeUndefined();
  return opened.events;
}

/**
 * The log is whole and written once: seqs 0…n-1 with no gap or repeat (readLog has verified the
 * chain), no hash repeats, and no agent, gap or run finish was recorded twice.
 */
export function expectSoundLog(events: readonly StoredEvent[]): Promise<void> {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  expect(new Set(events.map((e) => e.hash)).size).toBe(events.length);
  const once = (type: StoredEvent['type'], key: (e: StoredEvent) => string) => {
    const keys = events.filter((e) => e.type === type).map(key);
    expect(new Set(keys).size, `${String(type)} recorded twice`).toBe(keys.length);
  };
  once('agent.spawned', (e) => (e.type === 'agent.spawned' ? e.data.agentId : ''));
  once('agent.resolved', (e) => (e.type === 'agent.resolved' ? e.data.agentId : ''));
  once('gap.opened', (e) => (e.type === 'gap.opened' ? e.data.gapId : ''));
  once('gap.closed', (e) => (e.type === 'gap.closed' ? e.data.gapId : ''));
  once('run.started', (e) => e.runId ?? '');
  once('run.finished', (e) => e.runId ?? '');
  return Promise.resolve();
}
