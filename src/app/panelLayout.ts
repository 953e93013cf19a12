import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type Side = 'left' | 'right';

/** Widths in CSS pixels; a collapsed panel keeps its width for when it comes back. */
export interface PanelLayout {
  width: Record<Side, number>;
  collapsed: Record<Side, boolean>;
  /** The right-hand editor opened wide over most of the canvas. Not remembered: a reload shows the canvas. */
  wide: boolean;
}

const LAYOUT_KEY = 'conductor.panels';
export const PANEL_LIMITS: Record<Side, { min: number; max: number; initial: number }> = {
  left: { min: 180, max: 520, initial: 250 },
  right: { min: 280, max: 760, initial: 360 },
};

const clampWidth = (side: Side, width: number): number =>
  Math.round(Math.min(PANEL_LIMITS[side].max, Math.max(PANEL_LIMITS[side].min, width)));

function storedLayout(): PanelLayout {
  const layout: PanelLayout = {
    width: { left: PANEL_LIMITS.left.initial, right: PANEL_LIMITS.right.initial },
    collapsed: { left: false, right: false },
    wide: false,
  };
  try {
    const saved = JSON.parse(localStorage.getItem(LAYOUT_KEY) ?? 'null') as Partial<
      Pick<PanelLayout, 'width' | 'collapsed'>
    > | null;
    for (const side of ['left', 'right'] as const) {
      const width = saved?.width?.[side];
      if (typeof width === 'number' && Number.isFinite(width)) layout.width[side] = clampWidth(side, width);
      if (typeof saved?.collapsed?.[side] === 'boolean') layout.collapsed[side] = saved.collapsed[side];
    }
  } catch {
    // Nothing kept, or not ours to read: the initial layout.
  }
  return layout;
}

export const layoutStore = createStore<PanelLayout>(storedLayout);

layoutStore.subscribe(({ width, collapsed }) => {
  try {
    localStorage.setItem(LAYOUT_KEY, JSON.stringify({ width, collapsed }));
  } catch {
    // Storage refused: the layout holds for this visit.
  }
});

export const usePanelLayout = <T>(pick: (layout: PanelLayout) => T): T => useStore(layoutStore, pick);

/** Sets a panel's width (kept within its limits); a collapsed panel dragged open comes back. */
export function resizePanel(side: Side, width: number): void {
  layoutStore.setState((s) => ({
    width: { ...s.width, [side]: clampWidth(side, width) },
    collapsed: { ...s.collapsed, [side]: false },
  }));
}

export function togglePanel(side: Side): void {
  layoutStore.setState((s) => ({ collapsed: { ...s.collapsed, [side]: !s.collapsed[side] } }));
}

export function setWide(wide: boolean): void {
  if (layoutStore.getState().wide === wide) return;
  // A wide editor needs its panel shown.
  layoutStore.setState((s) => ({ wide, collapsed: wide ? { ...s.collapsed, right: false } : s.collapsed }));
}
