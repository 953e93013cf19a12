import { uiStore, useUi } from '../../app/uiStore';

/** Opens (or closes) the project's policies document in the right-hand panel. */
export function PoliciesButton() {
  const panel = useUi((s) => s.panel);
  return (
    <button
      type="button"
      className="button small ghost"
      aria-pressed={panel === 'policies'}
      onClick={() => uiStore.setState({ panel: panel === 'policies' ? 'inspector' : 'policies', editingModel: null, viewingVersion: null })}
    >
      Policies
    </button>
  );
}
