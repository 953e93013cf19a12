/**
 * The one seeded generator of the studio (mulberry32): tiny, fast, and the same sequence for the
 * same seed on every machine and in every host. An agent's ctx.random and Math.random, the
 * learning's strategy draws and the tests' synthetic data all come from here, so a recorded seed
 * replays exactly.
 *
 * Self-contained on purpose (it reads nothing outside its own body): the QuickJS host injects its
 * source text into the isolate (src/runtime/quickjs/agentRuntimeSource.ts), so the sandbox, the
 * CLI and the runner run this very function.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
