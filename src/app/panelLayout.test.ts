import { beforeEach, describe, expect, it } from 'vitest';
import { layoutStore, PANEL_LIMITS, resizePanel, setWide, togglePanel } from './panelLayout';

describe('the side panels’ layout', () => {
  beforeEach(() =>
    layoutStore.setState({ width: { left: 250, right: 360 }, collapsed: { left: false, right: false }, wide: false }),
  );

  it('keeps a width within the panel’s limits', () => {
    resizePanel('left', 10_000);
    expect(layoutStore.getState().width.left).toBe(PANEL_LIMITS.left.max);
    resizePanel('right', -40);
    expect(layoutStore.getState().width.right).toBe(PANEL_LIMITS.right.min);
    resizePanel('left', 301.6);
    expect(layoutStore.getState().width.left).toBe(302);
  });

  it('brings a collapsed panel back when it is resized, and keeps its width while hidden', () => {
    togglePanel('left');
    expect(layoutStore.getState().collapsed.left).toBe(true);
    expect(layoutStore.getState().width.left).toBe(250);
    resizePanel('left', 200);
    expect(layoutStore.getState()).toMatchObject({ width: { left: 200 }, collapsed: { left: false } });
  });

  it('shows the right-hand panel when an editor opens wide', () => {
    togglePanel('right');
    setWide(true);
    expect(layoutStore.getState()).toMatchObject({ wide: true, collapsed: { right: false } });
    setWide(false);
    expect(layoutStore.getState().wide).toBe(false);
  });
});
