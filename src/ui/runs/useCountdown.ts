import { useEffect, useState } from 'react';

/**
 * Milliseconds until `at` (epoch ms, the log's clock), re-rendering about twice a second while it
 * is in the future; 0 once it has passed, undefined without a time. Only a component showing a
 * countdown ticks: the rest of the canvas does not re-render.
 */
export function useCountdown(at: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === undefined) return;
    setNow(Date.now());
    if (at <= Date.now()) return;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= at) clearInterval(timer);
    }, 500);
    return () => clearInterval(timer);
  }, [at]);
  return at === undefined ? undefined : Math.max(0, at - now);
}

/** 3s, 1 min 05 s, 2 h 03 min: how long until something happens. */
export function formatCountdown(ms: number): string {
  const s = Math.ceil(ms / 1_000);
  if (s < 60) return `${s}s`;
  if (s < 3_600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3_600)} h ${String(Math.floor((s % 3_600) / 60)).padStart(2, '0')} min`;
}
