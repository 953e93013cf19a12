import { useUi } from '../../app/uiStore';
import { togglePanel } from '../../app/panels';

/** Opens (or closes) the project's policies document in the right-hand panel. */
export function PoliciesButton() {
  const panel = useUi((s) => s.panel);
  return (
    <button
      type="button"
      className="button small ghost"
      aria-pressed={panel === 'policies'}
      onClick={() => togglePanel('policies')}
    >
      Policies
    </button>
  );
}
