import { uiStore } from '../../app/uiStore';
import { MaximiseButton } from './MaximiseButton';
import './sidePanel.css';

/** The head of a side panel that stands in for the inspector: its title, and Close back to the inspector. */
export function PanelHeader({ title, maximisable = false }: { title: string; maximisable?: boolean }) {
  return (
    <header className="intents-panel__head">
      <h2>{title}</h2>
      <span className="panel-head-actions">
        {maximisable && <MaximiseButton what={title.toLowerCase()} />}
        <button type="button" className="button small ghost" onClick={() => uiStore.setState({ panel: 'inspector' })}>
          Close
        </button>
      </span>
    </header>
  );
}
