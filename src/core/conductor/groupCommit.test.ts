import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCommitQueue } from './groupCommit';

/** A store whose commits the test opens one at a time: it sees what each transaction wrote, and when. */
class HeldStore {
  readonly committed: string[][] = [];
  readonly log: string[] = [];
  private opens: Array<() => void> = [];
  failNext = false;

  readonly queue = new GroupCommitQueue<string[], number, string[]>({
    prepare: (item, before) => {
      if (item.includes('bad')) throw new Error(`refused ${item.join('+')}`);
      // Like a hash chain: each item's position follows what committed and what was prepared ahead of it.
      const last = before.flat().at(-1);
      const offset = last === undefined ? this.committed.flat().length : Number(last.split('@')[1]) + 1;
      const prepared = item.map((x, i) => `${x}@${offset + i}`);
      this.log.push(`prepare ${prepared.join(',')}`);
      return prepared;
    },
    commit: async (prepared) => {
      this.log.push(`commit ${prepared.flat().join(',')}`);
      await new Promise<void>((resolve) => this.opens.push(resolve));
      if (this.failNext) {
        this.failNext = false;
        throw new Error('disk full');
      }
      this.committed.push(prepared.flat());
      return prepared.map((p) => p.length);
    },
  });

  /** Lets the oldest held transaction finish, then lets the queue react. */
  async finishOne(): Promise<void> {
    const open = this.opens.shift();
    if (!open) throw new Error('no transaction is open');
    open();
    await settle();
  }

  get open(): number {
    return this.opens.length;
  }
}

/** Lets every pending promise reaction run (no timers: reactions only). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function track<T>(promise: Promise<T>): { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } {
  const t: { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } = { state: 'pending' };
  promise.then(
    (value) => Object.assign(t, { state: 'resolved', value }),
    (error: unknown) => Object.assign(t, { state: 'rejected', error }),
  );
  return t;
}

describe('GroupCommitQueue', () => {
  it('groups items that arrive while a transaction is open into the next one, in order', async () => {
    const store = new HeldStore();
    const a = track(store.queue.enqueue(['a']));
    await settle();
    const b = track(store.queue.enqueue(['b1', 'b2']));
    const c = track(store.queue.enqueue(['c']));
    await settle();
    expect(store.open).toBe(1);
    await store.finishOne();
    expect(a.state).toBe('resolved');
    expect([b.state, c.state]).toEqual(['pending', 'pending']);
    await store.finishOne();
    expect(store.committed).toEqual([['a@0'], ['b1@1', 'b2@2', 'c@3']]);
    expect([b.value, c.value]).toEqual([2, 1]);
  });

  it('prepares the next batch while the one ahead commits, and commits it only after', async () => {
    const store = new HeldStore();
    void store.queue.enqueue(['a']);
    await settle();
    void store.queue.enqueue(['b']);
    await settle();
    expect(store.log).toEqual(['prepare a@0', 'commit a@0', 'prepare b@1']);
    await store.finishOne();
    expect(store.log.at(-1)).toBe('commit b@1');
  });

  it('answers a caller only after the transaction holding its item committed', async () => {
    const store = new HeldStore();
    const a = track(store.queue.enqueue(['a']));
    await settle();
    expect(store.log).toEqual(['prepare a@0', 'commit a@0']);
    expect(a.state).toBe('pending');
    await store.finishOne();
    expect(a.state).toBe('resolved');
  });

  it('fails every caller of a failed batch, and only them: the next batch still commits', async () => {
    const store = new HeldStore();
    const first = track(store.queue.enqueue(['a']));
    await settle();
    const x = track(store.queue.enqueue(['x']));
    const y = track(store.queue.enqueue(['y']));
    store.failNext = true;
    await store.finishOne(); // a fails
    const z = track(store.queue.enqueue(['z']));
    await store.finishOne(); // x and y commit
    await store.finishOne(); // z commits
    expect(first.state).toBe('rejected');
    expect((first.error as Error).message).toBe('disk full');
    expect([x.state, y.state, z.state]).toEqual(['resolved', 'resolved', 'resolved']);
    expect(store.committed).toEqual([['x@0', 'y@1'], ['z@2']]);
    // x and y were prepared after a while it was being written, then again once it had failed.
    expect(store.log.filter((l) => l.startsWith('prepare x'))).toEqual(['prepare x@1', 'prepare x@0']);
  });

  it('refuses one invalid item without touching the others of its batch', async () => {
    const store = new HeldStore();
    const a = track(store.queue.enqueue(['a']));
    await settle();
    const good = track(store.queue.enqueue(['g']));
    const bad = track(store.queue.enqueue(['b', 'bad']));
    const after = track(store.queue.enqueue(['h']));
    await store.finishOne();
    await store.finishOne();
    expect(a.state).toBe('resolved');
    expect(bad.state).toBe('rejected');
    expect((bad.error as Error).message).toBe('refused b+bad');
    expect([good.state, after.state]).toEqual(['resolved', 'resolved']);
    // The refused item left no trace: the next item takes its place in the chain.
    expect(store.committed).toEqual([['a@0'], ['g@1', 'h@2']]);
  });

  it('skips the commit when every item of a batch was refused', async () => {
    const store = new HeldStore();
    const bad = track(store.queue.enqueue(['bad']));
    await settle();
    expect(bad.state).toBe('rejected');
    expect(store.log.filter((l) => l.startsWith('commit'))).toEqual([]);
    expect(store.queue.busy).toBe(false);
  });

  it('under concurrent callers: writes every accepted item once, whole, in the order called, and settles each after its commit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            size: fc.integer({ min: 1, max: 3 }),
            bad: fc.boolean(),
            failsCommit: fc.boolean(),
            waitBefore: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        async (callers) => {
          const written: string[][] = [];
          const committedItems = new Set<string>();
          const enqueued: number[] = [];
          let batches = 0;
          // Like the log's hash chain: each item links to what was prepared ahead of it, or to what committed.
          let chain = 0;
          const queue = new GroupCommitQueue<
            { id: number; parts: string[]; bad: boolean },
            string[],
            { id: number; parts: string[]; start: number }
          >({
            prepare: async (item, before) => {
              await Promise.resolve();
              if (item.bad) throw new Error(`bad ${item.id}`);
              const last = before.at(-1);
              return { id: item.id, parts: item.parts, start: last ? last.start + last.parts.length : chain };
            },
            commit: async (prepared) => {
              batches += 1;
              for (let i = 0; i < 3; i++) await Promise.resolve();
              // A batch links to what committed before it, and each item to the one before it.
              let at = chain;
              for (const p of prepared) {
                if (p.start !== at) throw new Error(`broken chain: item ${p.id} starts at ${p.start}, expected ${at}`);
                at += p.parts.length;
              }
              // A batch fails when any of its callers was chosen to break the disk.
              if (prepared.some((p) => callers[p.id]?.failsCommit)) throw new Error('commit failed');
              written.push(prepared.flatMap((p) => p.parts));
              chain = at;
              for (const p of prepared) committedItems.add(String(p.id));
              return prepared.map((p) => p.parts);
            },
          });
          const outcomes = await Promise.all(
            callers.map(async (c, id) => {
              for (let i = 0; i < c.waitBefore; i++) await Promise.resolve();
              const parts = Array.from({ length: c.size }, (_, k) => `${id}.${k}`);
              enqueued.push(id);
              try {
                const result = await queue.enqueue({ id, parts, bad: c.bad });
                // Heard back only after commit: the item is in the store by now.
                expect(committedItems.has(String(id))).toBe(true);
                return { id, ok: true as const, result };
              } catch (error) {
                return { id, ok: false as const, error: (error as Error).message };
              }
            }),
          );
          const flat = written.flat();
          for (const o of outcomes) {
            const c = callers[o.id];
            if (!c) continue;
            if (c.bad) {
              expect(o).toMatchObject({ ok: false, error: `bad ${o.id}` });
            } else if (o.ok) {
              // Atomic: all of its parts, next to each other.
              const at = flat.indexOf(`${o.id}.0`);
              expect(flat.slice(at, at + c.size)).toEqual(o.result);
            } else {
              expect(o.error).toBe('commit failed');
              expect(flat.some((p) => p.startsWith(`${o.id}.`))).toBe(false);
            }
          }
          // Order kept: items appear in the order their callers enqueued them.
          const ids = [...new Set(flat.map((p) => Number(p.split('.')[0])))];
          expect(ids).toEqual(enqueued.filter((id) => ids.includes(id)));
          expect(batches).toBeLessThanOrEqual(callers.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
