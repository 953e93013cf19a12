import { useStore, type FitViewOptions, type ReactFlowState } from '@xyflow/react';

/** The minimap's box in the bottom-right corner (React Flow's default size and panel margin). */
export const MINIMAP_SIZE = { width: 200, height: 150, margin: 15 };
/** Fitting leaves this much free at the bottom: the minimap's band (and the controls'), plus air. */
const MINIMAP_CLEARANCE = MINIMAP_SIZE.height + MINIMAP_SIZE.margin + 16;
/** Below this pane height, clearing the band would squash the flow: it gets the ordinary margin. */
const TALL_ENOUGH = MINIMAP_CLEARANCE * 2.4;

const roomForBand = (paneHeight: number): boolean => paneHeight === 0 || paneHeight >= TALL_ENOUGH;
const tall = (s: ReactFlowState): boolean => roomForBand(s.height);

/** The margins a fit leaves: 8% all round, and the minimap's band at the bottom when the pane has room for it. */
export function fitPadding(paneHeight: number): NonNullable<FitViewOptions['padding']> {
  return { top: '8%', left: '8%', right: '8%', bottom: roomForBand(paneHeight) ? `${MINIMAP_CLEARANCE}px` : '8%' };
}

// Never zoom in past 100% to fit: a lone first step would otherwise fill the screen. Hidden
// steps (a big flow drawn as an overview) count, by their estimated size.
const CLEAR = { maxZoom: 1, padding: fitPadding(0), includeHiddenNodes: true };
const PLAIN = { maxZoom: 1, padding: fitPadding(1), includeHiddenNodes: true };

/**
 * How the canvas fits its flow (on opening, and the controls' Fit view): so that no step ends
 * up under the minimap, which sits over the bottom-right corner. Changes only when the pane
 * crosses the height where that band fits.
 */
export function useFitViewOptions(): typeof CLEAR {
  return useStore(tall) ? CLEAR : PLAIN;
}
