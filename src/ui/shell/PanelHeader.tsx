import { uiStore } from '../../app/uiStore';

/** The head of a side panel that stands in for the inspector: its title, and Close back to the inspector. */
export function PanelHeader({ title }: { title: string }) {
  return (
    <header className="intents-panel__head">
      <h2>{title}</h2>
      <button type="button" className="button small ghost" onClick={() => uiStore.setState({ panel: 'inspector' })}>
        Close
      </button>
    </header>
  );
}
