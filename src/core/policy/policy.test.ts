import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../flow/backoff';
import { inputsNeeded, joinState } from '../flow/joinPolicy';
import { admits, headroom } from './budget';
import { confidenceLevel, mergePolicies } from './policy';

describe('backoff schedules', () => {
  const base = { baseMs: 100, maxMs: 1_000 };
  it('fixed, linear and exponential, capped at maxMs', () => {
    const schedule = (backoff: 'fixed' | 'linear' | 'exponential') =>
      [1, 2, 3, 4, 5].map((n) => backoffDelay({ ...base, backoff }, n));
    expect(schedule('fixed')).toEqual([100, 100, 100, 100, 100]);
    expect(schedule('linear')).toEqual([100, 200, 300, 400, 500]);
    expect(schedule('exponential')).toEqual([100, 200, 400, 800, 1_000]);
  });
  it("waits at least as long as the server's Retry-After", () => {
    expect(backoffDelay({ ...base, backoff: 'fixed' }, 1, 1_500)).toBe(1_500);
    expect(backoffDelay({ ...base, backoff: 'fixed' }, 1, 50)).toBe(100);
  });
});

describe('join policies', () => {
  it('all, any and quorum need all, one and N inputs', () => {
    expect(inputsNeeded(undefined, 3)).toBe(3);
    expect(inputsNeeded({ policy: 'any' }, 3)).toBe(1);
    expect(inputsNeeded({ policy: 'quorum', n: 2 }, 3)).toBe(2);
    expect(inputsNeeded({ policy: 'quorum', n: 5 }, 3)).toBe(3);
  });
  it('is ready, waiting, or impossible once too many inputs were skipped', () => {
    expect(joinState(2, 3, 2, 0)).toBe('ready');
    expect(joinState(2, 3, 1, 1)).toBe('waiting');
    expect(joinState(2, 3, 1, 2)).toBe('impossible');
    expect(joinState(3, 3, 2, 1)).toBe('impossible');
  });
});

describe('policies', () => {
  it('merge project → flow → step, later levels overriding key by key', () => {
    const merged = mergePolicies(
      { maxTokens: 1_000, timeoutMs: 5_000, budget: { run: { tokens: 10_000, costUsd: 1 }, onExceed: 'stop' } },
      { maxTokens: 500, budget: { run: { costUsd: 0.5 }, step: { tokens: 2_000 } } },
      { allowedOutputKinds: ['text'], budget: { onExceed: 'ask' } },
    );
    expect(merged).toEqual({
      maxTokens: 500,
      timeoutMs: 5_000,
      allowedOutputKinds: ['text'],
      budget: { run: { tokens: 10_000, costUsd: 0.5 }, step: { tokens: 2_000 }, onExceed: 'ask' },
    });
  });
  it('places a confidence at a level; without thresholds nothing is gated', () => {
    const policy = { confidence: { high: 0.8, medium: 0.5 } };
    expect([0.9, 0.8, 0.6, 0.2].map((c) => confidenceLevel(policy, c))).toEqual(['high', 'high', 'medium', 'low']);
    expect(confidenceLevel({}, 0.1)).toBe('high');
    expect(confidenceLevel(policy, undefined)).toBe('high');
  });
});

describe('budget enforcement', () => {
  it('admits work only while every limit has room for it', () => {
    const room = headroom({ tokens: 1_000, costUsd: 0.01 }, { tokens: 900, costUsd: 0.002, wallMs: 50 });
    expect(room).toEqual({ tokens: 100, costUsd: 0.008, wallMs: Infinity });
    expect(admits(room, { tokens: 100 }).ok).toBe(true);
    expect(admits(room, { tokens: 101 })).toMatchObject({ ok: false, limit: 'tokens' });
    expect(admits(headroom({ costUsd: 0.01 }, { tokens: 0, costUsd: 0.01, wallMs: 0 }))).toMatchObject({
      ok: false,
      limit: 'costUsd',
    });
  });
});
