import { togglePanel, usePanelLayout } from '../../app/panelLayout';
import { toggleTheme, useTheme } from '../../app/theme';
import './panels.css';

/** The top bar's view toggles: show or hide each side panel (the canvas takes the room), and the theme. */
export function LayoutButtons() {
  const collapsed = usePanelLayout((l) => l.collapsed);
  const theme = useTheme();
  return (
    <div className="layout-buttons" role="group" aria-label="View">
      <button
        type="button"
        className="button small ghost"
        aria-pressed={!collapsed.left}
        aria-label="Models and runs panel"
        title={collapsed.left ? 'Show models and runs' : 'Hide models and runs'}
        onClick={() => togglePanel('left')}
      >
        <span aria-hidden="true">◧</span>
      </button>
      <button
        type="button"
        className="button small ghost"
        aria-pressed={!collapsed.right}
        aria-label="Inspector panel"
        title={collapsed.right ? 'Show the inspector' : 'Hide the inspector'}
        onClick={() => togglePanel('right')}
      >
        <span aria-hidden="true">◨</span>
      </button>
      <button
        type="button"
        className="button small ghost"
        aria-pressed={theme === 'dark'}
        aria-label="Dark theme"
        title={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
        onClick={toggleTheme}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      </button>
    </div>
  );
}
