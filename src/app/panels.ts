import { uiStore, type UiState } from './uiStore';

export type PanelName = UiState['panel'];

/**
 * Shows one of the right-hand panels: it replaces the model editor, a run comparison (which would
 * otherwise hide it) and a viewed flow version.
 */
export const showPanel = (panel: PanelName): void =>
  uiStore.setState({ panel, editingModel: null, compareRunId: null, viewingVersion: null });

/** True when the panel is the one on screen (not hidden behind the model editor or a comparison). */
export const isPanelShown = (s: UiState, panel: PanelName): boolean =>
  s.panel === panel && s.editingModel === null && s.compareRunId === null;

/** A panel's toolbar button: opens it, or when it is already shown goes back to the inspector. */
export function togglePanel(panel: PanelName): void {
  if (isPanelShown(uiStore.getState(), panel))
    uiStore.setState({ panel: 'inspector', editingModel: null, viewingVersion: null });
  else showPanel(panel);
}
