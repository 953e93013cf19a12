import type { parse as celParse } from '@marcbachmann/cel-js';

/**
 * The page's stand-in for src/core/intents/celParse.ts (swapped in by vite.config.ts's
 * deferCelInPage, for the page's production build only). CEL is evaluated by the conductor in
 * its worker; the page only carries the core code that can call it (the kinds' decisions come
 * with their UI parts), so cel-js (~20 KB gzip) loads just after the first paint instead of
 * before it. A call before it has loaded is refused as a bad expression would be, with a sentence.
 */
let loaded: typeof celParse | undefined;
void import('@marcbachmann/cel-js').then((cel) => {
  loaded = cel.parse;
});

export const parse = ((source: string) => {
  if (!loaded) throw new Error('the expression engine is still loading; try again in a moment');
  return loaded(source);
}) as typeof celParse;
