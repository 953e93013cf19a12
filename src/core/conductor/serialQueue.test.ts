import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serialQueue';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('SerialQueue: the conductor’s one queue', () => {
  it('runs jobs one at a time, in the order they were queued; a failed job does not stop the queue', async () => {
    const queue = new SerialQueue();
    const seen: string[] = [];
    const gate = deferred();
    const first = queue.run(async () => {
      seen.push('first starts');
      await gate.promise;
      seen.push('first ends');
    });
    const failing = queue.run(() => Promise.reject(new Error('boom')));
    const third = queue.run(() => {
      seen.push('third');
      return Promise.resolve(3);
    });
    await Promise.resolve();
    expect(seen).toEqual(['first starts']);
    gate.resolve();
    await first;
    await expect(failing).rejects.toThrow('boom');
    expect(await third).toBe(3);
    expect(seen).toEqual(['first starts', 'first ends', 'third']);
  });

  it('batches the items that wait for their turn together, and each caller hears only its own item', async () => {
    const queue = new SerialQueue();
    const batches: number[][] = [];
    const append = queue.batched<number, string>((items) => {
      batches.push(items);
      return Promise.resolve(
        items.map((n) =>
          n < 0
            ? { status: 'rejected' as const, reason: new Error(`refused ${n}`) }
            : { status: 'fulfilled' as const, value: `wrote ${n}` },
        ),
      );
    });
    const gate = deferred();
    const busy = queue.run(() => gate.promise);
    // Three results arrive while the queue is busy: they share the next job.
    const a = append(1);
    const b = append(-2);
    const c = append(3);
    gate.resolve();
    await busy;
    expect(await a).toBe('wrote 1');
    await expect(b).rejects.toThrow('refused -2');
    expect(await c).toBe('wrote 3');
    // One that arrives later has a job of its own.
    expect(await append(4)).toBe('wrote 4');
    expect(batches).toEqual([[1, -2, 3], [4]]);
  });

  it('keeps the batch’s place in line: a job queued after its first item runs after the batch', async () => {
    const queue = new SerialQueue();
    const seen: string[] = [];
    const append = queue.batched<string, void>((items) => {
      seen.push(`batch ${items.join(',')}`);
      return Promise.resolve(items.map(() => ({ status: 'fulfilled' as const, value: undefined })));
    });
    const gate = deferred();
    const busy = queue.run(() => gate.promise);
    const x = append('x');
    const later = queue.run(() => {
      seen.push('later');
      return Promise.resolve();
    });
    const y = append('y');
    gate.resolve();
    await Promise.all([busy, x, y, later]);
    expect(seen).toEqual(['batch x,y', 'later']);
  });

  it('a batch whose commit throws fails every caller of that batch, and the queue goes on', async () => {
    const queue = new SerialQueue();
    let calls = 0;
    const append = queue.batched<number, number>((items) => {
      calls += 1;
      if (calls === 1) return Promise.reject(new Error('the disk is full'));
      return Promise.resolve(items.map((n) => ({ status: 'fulfilled' as const, value: n })));
    });
    const gate = deferred();
    const busy = queue.run(() => gate.promise);
    const failed = [append(1), append(2)];
    gate.resolve();
    await busy;
    for (const f of failed) await expect(f).rejects.toThrow('the disk is full');
    expect(await append(3)).toBe(3);
    await expect(queue.drained()).resolves.toBeUndefined();
  });
});
