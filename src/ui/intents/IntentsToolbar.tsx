import { useEffect, memo } from 'react';
import { useUi } from '../../app/uiStore';
import { togglePanel } from '../../app/panels';
import { useProjectView } from '../../app/useProjectSession';
import { emptyIntentsView } from '../../core/intents/intentsView';
import { gapMarks } from '../gaps/gapMarks';
import { PoliciesButton } from '../policies/PoliciesButton';

/** Opens the intents document and the gaps panel; keeps the canvas's open-gap marks current. */
export const IntentsToolbar = memo(function IntentsToolbar() {
  const intents = useProjectView((v) => v.intents ?? emptyIntentsView);
  const panel = useUi((s) => s.panel);
  let open = 0;
  for (const g of intents.gaps.values()) if (g.status === 'open') open += 1;
  useEffect(() => gapMarks.setState({ stepIds: intents.openStepIds }), [intents.openStepIds]);
  useEffect(() => () => gapMarks.setState({ stepIds: new Set() }), []);
  return (
    <div className="intents-toolbar" role="toolbar" aria-label="Intents and gaps">
      <button
        type="button"
        className="button small ghost"
        aria-pressed={panel === 'intents'}
        onClick={() => togglePanel('intents')}
      >
        Intents
      </button>
      <PoliciesButton />
      <button
        type="button"
        className="button small ghost"
        aria-pressed={panel === 'gaps'}
        aria-label="Gaps"
        onClick={() => togglePanel('gaps')}
      >
        Gaps{open > 0 ? ` (${open} open)` : ''}
      </button>
    </div>
  );
});
