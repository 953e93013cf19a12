import { memo } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { layoutStore, PANEL_LIMITS, resizePanel, togglePanel, usePanelLayout, type Side } from '../../app/panelLayout';

const STEP = 16;
const NAMES: Record<Side, string> = { left: 'models and runs', right: 'inspector' };

/**
 * The line between a side panel and the canvas: drag it, or focus it and use the arrow keys
 * (Home / End for the narrowest and widest), to resize; Enter collapses and restores (the
 * WAI-ARIA window splitter). Its value is the panel's width, 0 while collapsed.
 */
export const Splitter = memo(function Splitter({ side }: { side: Side }) {
  const width = usePanelLayout((l) => l.width[side]);
  const collapsed = usePanelLayout((l) => l.collapsed[side]);
  const limits = PANEL_LIMITS[side];
  // Moving right widens the left panel and narrows the right one.
  const sign = side === 'left' ? 1 : -1;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const startWidth = collapsed ? 0 : width;
    const move = (m: globalThis.PointerEvent) => resizePanel(side, startWidth + sign * (m.clientX - startX));
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = layoutStore.getState().width[side];
    const by: Record<string, number> = { ArrowLeft: -STEP * sign, ArrowRight: STEP * sign };
    if (e.key in by) resizePanel(side, (collapsed ? 0 : current) + (by[e.key] ?? 0));
    else if (e.key === 'Home') resizePanel(side, limits.min);
    else if (e.key === 'End') resizePanel(side, limits.max);
    else if (e.key === 'Enter') togglePanel(side);
    else return;
    e.preventDefault();
  };

  return (
    <div
      className={`splitter splitter--${side}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${NAMES[side]}`}
      aria-valuenow={collapsed ? 0 : width}
      aria-valuemin={0}
      aria-valuemax={limits.max}
      tabIndex={0}
      title="Drag to resize; Enter hides or shows the panel"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => togglePanel(side)}
    />
  );
});
