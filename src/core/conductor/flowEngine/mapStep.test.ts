import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArtifactHash } from '../../ids';
import { MapStep } from './mapStep';

const hashes = (n: number): ArtifactHash[] =>
  Array.from({ length: n }, (_, i) => `${String(i).padStart(64, '0')}` as ArtifactHash);

/** The counts MapStep keeps, recomputed from the items' states: they must always agree. */
function recount(map: MapStep, size: number, outputs: number) {
  let running = 0;
  let queued = 0;
  let finished = 0;
  for (let i = 0; i < size; i++) {
    const s = map.stateOf(i);
    // An item with some of its outputs is still at work.
    if (s === 'running' || (typeof s === 'object' && Object.keys(s).length < outputs)) running += 1;
    else if (s === 'queued') queued += 1;
    else if (typeof s === 'object') finished += 1;
  }
  return { running, queued, finished };
}

describe('MapStep: the one owner of a map step’s item state', () => {
  it('starts items oldest first, within its concurrency and the free agent slots', () => {
    const map = new MapStep(hashes(5), 2, 1);
    expect(map.start(10)).toEqual([0, 1]);
    expect(map.start(10)).toEqual([]);
    expect(map.running).toBe(2);
    expect(map.produced(0, 'out', hashes(1)[0] as ArtifactHash)).toBe(true);
    expect(map.start(0)).toEqual([]);
    expect(map.start(1)).toEqual([2]);
    expect(map.itemAt(2)).toBe(hashes(3)[2]);
  });

  it('gathers once every item has every output, in item order', () => {
    const map = new MapStep(hashes(2), 4, 2);
    map.start(4);
    expect(map.produced(1, 'a', 'h1a' as ArtifactHash)).toBe(false);
    expect(map.produced(1, 'b', 'h1b' as ArtifactHash)).toBe(true);
    expect(map.allFinished).toBe(false);
    map.produced(0, 'b', 'h0b' as ArtifactHash);
    map.produced(0, 'a', 'h0a' as ArtifactHash);
    expect(map.allFinished).toBe(true);
    expect(map.results()).toEqual([
      { b: 'h0b', a: 'h0a' },
      { a: 'h1a', b: 'h1b' },
    ]);
  });

  it('a failed item stops the step: it is not requeued by an interruption, nor counted twice', () => {
    const map = new MapStep(hashes(3), 3, 1);
    map.start(3);
    map.failedItem(1);
    map.failedItem(1);
    expect(map.failed).toBe(true);
    expect(map.running).toBe(2);
    map.requeueRunning();
    expect(map.stateOf(1)).toBe('failed');
    expect(map.running).toBe(0);
    expect(map.start(3)).toEqual([0, 2]);
  });

  it('in a replay, an item is taken by its spawn event; live, the spawn of an item already started changes nothing', () => {
    const map = new MapStep(hashes(3), 2, 1);
    map.spawned(2);
    expect(map.stateOf(2)).toBe('running');
    expect(map.start(5)).toEqual([0]);
    map.spawned(0);
    expect(map.running).toBe(2);
    // An agent that died with the page: its item goes back in the queue, once.
    expect(map.requeue(2)).toBe(true);
    expect(map.requeue(2)).toBe(false);
    expect(map.hasQueued).toBe(true);
  });

  it('keeps its counts equal to its items’ states whatever the log says, in any order', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('start' as const), n: fc.nat(4) }),
      fc.record({ kind: fc.constant('spawned' as const), item: fc.nat(5) }),
      fc.record({ kind: fc.constant('produced' as const), item: fc.nat(5), port: fc.constantFrom('a', 'b') }),
      fc.record({ kind: fc.constant('failed' as const), item: fc.nat(5) }),
      fc.record({ kind: fc.constant('requeue' as const), item: fc.nat(5) }),
      fc.record({ kind: fc.constant('interrupted' as const) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(op, { maxLength: 40 }),
        (size, concurrency, ops) => {
          const map = new MapStep(hashes(size), concurrency, 2);
          for (const o of ops) {
            // The log only speaks of items that exist, and only an item at work produces (each output once) or fails.
            if ('item' in o && o.item >= size) continue;
            const state = 'item' in o ? map.stateOf(o.item) : undefined;
            const atWork = state === 'running' || (typeof state === 'object' && Object.keys(state).length < 2);
            if ((o.kind === 'produced' || o.kind === 'failed') && !atWork) continue;
            if (o.kind === 'produced' && typeof state === 'object' && o.port in state) continue;
            if (o.kind === 'start') map.start(o.n);
            else if (o.kind === 'spawned') map.spawned(o.item);
            else if (o.kind === 'produced') map.produced(o.item, o.port, 'h' as ArtifactHash);
            else if (o.kind === 'failed') map.failedItem(o.item);
            else if (o.kind === 'requeue') map.requeue(o.item);
            else map.requeueRunning();
            const counted = recount(map, size, 2);
            expect(map.running).toBe(counted.running);
            expect(map.hasQueued).toBe(counted.queued > 0);
            expect(map.allFinished).toBe(counted.finished === size);
          }
        },
      ),
    );
  });
});
