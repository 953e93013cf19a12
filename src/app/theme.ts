import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type Theme = 'light' | 'dark';

const THEME_KEY = 'conductor.theme';
/** Dispatched on window by anything that wants the theme flipped (the command palette, say). */
export const TOGGLE_THEME_EVENT = 'studio:toggle-theme';

/** The chosen theme, or null to follow the system's (prefers-color-scheme). */
interface ThemeState {
  chosen: Theme | null;
  system: Theme;
}

const darkQuery = (): MediaQueryList | undefined =>
  typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;

function storedChoice(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

export const themeStore = createStore<ThemeState>(() => ({
  chosen: storedChoice(),
  system: darkQuery()?.matches === false ? 'light' : 'dark',
}));

export const shownTheme = (state: ThemeState = themeStore.getState()): Theme => state.chosen ?? state.system;

/** The theme on screen, for components that pass it on (React Flow's colour mode, Monaco's theme). */
export const useTheme = (): Theme => useStore(themeStore, shownTheme);

/** Flips the theme on screen and remembers the choice in this browser. */
export function toggleTheme(): void {
  const next: Theme = shownTheme() === 'dark' ? 'light' : 'dark';
  try {
    localStorage.setItem(THEME_KEY, next);
  } catch {
    // Storage refused (a private window): the theme still flips, for this visit.
  }
  themeStore.setState({ chosen: next });
}

/**
 * Puts the theme on the page (`data-theme` on <html>, which the CSS variables key on) and keeps it
 * there: it follows the system until a person chooses, and flips on the toggle event. Call once at start.
 */
export function startTheme(): void {
  const root = document.documentElement;
  const apply = () => {
    const theme = shownTheme();
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  };
  apply();
  themeStore.subscribe(apply);
  darkQuery()?.addEventListener('change', (e) => themeStore.setState({ system: e.matches ? 'dark' : 'light' }));
  window.addEventListener(TOGGLE_THEME_EVENT, toggleTheme);
}
