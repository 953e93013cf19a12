import { useEffect, useRef, type CSSProperties } from 'react';
import { layoutStore, setWide, usePanelLayout } from '../../app/panelLayout';
import { useShallow } from 'zustand/react/shallow';

/** What a wide editor leaves of the canvas. */
const CANVAS_LEFT_WHEN_WIDE = 280;

/**
 * The studio body's columns from the remembered layout, and which side panels show. `rightPanel`
 * names what the right-hand panel holds: when it changes, a wide editor goes back to its width,
 * and a hidden panel comes back for a panel someone opened (Intents, a model's editor…).
 */
export function usePanelColumns(rightPanel: string): { style: CSSProperties; leftShown: boolean; rightShown: boolean } {
  const { left, right, leftCollapsed, rightCollapsed, wide } = usePanelLayout(
    useShallow((l) => ({
      left: l.width.left,
      right: l.width.right,
      leftCollapsed: l.collapsed.left,
      rightCollapsed: l.collapsed.right,
      wide: l.wide,
    })),
  );
  const shownPanel = useRef(rightPanel);
  useEffect(() => {
    if (shownPanel.current === rightPanel) return;
    shownPanel.current = rightPanel;
    setWide(false);
    if (rightPanel !== 'inspector') layoutStore.setState((s) => ({ collapsed: { ...s.collapsed, right: false } }));
  }, [rightPanel]);
  const leftWidth = leftCollapsed ? 0 : left;
  const rightWidth = rightCollapsed
    ? '0px'
    : wide
      ? `max(${right}px, calc(100% - ${leftWidth + 12 + CANVAS_LEFT_WHEN_WIDE}px))`
      : `${right}px`;
  const style = { '--left-w': `${leftWidth}px`, '--right-w': rightWidth } as CSSProperties;
  return { style, leftShown: !leftCollapsed, rightShown: !rightCollapsed };
}
