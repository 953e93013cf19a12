import { useEffect } from 'react';
import type { RunReplay } from '../../core/replay/runReplay';
import { uiStore, useUi } from '../../app/uiStore';

/** A pause longer than this (at 1×) is shortened, so a replay never sits idle for long. */
const LONGEST_PAUSE_MS = 800;

/**
 * Plays a run back at its own pace times `speed`: each event appears after the time that
 * separated it from the one before, recorded in the log. Stops at the end.
 */
export function usePlayback(replay: RunReplay | undefined): void {
  const playing = useUi((s) => s.playing);
  const speed = useUi((s) => s.speed);
  useEffect(() => {
    if (!playing || !replay) return;
    let frame = 0;
    let last = performance.now();
    let owed = 0;
    const tick = (now: number) => {
      const { cursor } = uiStore.getState();
      const at = cursor ?? replay.length - 1;
      if (at >= replay.length - 1) {
        uiStore.setState({ playing: false, cursor: null });
        return;
      }
      owed += (now - last) * speed;
      last = now;
      const gap = Math.min(
        LONGEST_PAUSE_MS,
        Math.max(0, (replay.event(at + 1)?.ts ?? 0) - (replay.event(at)?.ts ?? 0)),
      );
      if (owed >= gap) {
        owed -= gap;
        uiStore.setState({ cursor: at + 1 });
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, replay]);
}
