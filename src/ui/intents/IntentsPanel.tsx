import { useShallow } from 'zustand/react/shallow';
import { lazy, Suspense, useMemo, useState } from 'react';
import { ProblemList } from '../jsonc/ProblemList';
import { PanelHeader } from '../shell/PanelHeader';
import { useProjectView } from '../../app/useProjectSession';
import { parseIntents } from '../../core/intents/parseIntents';
import { emptyIntentsView } from '../../core/intents/intentsView';
import { refusalSentence, useCommand } from '../useCommand';
import './intents.css';

// Monaco is large: it loads when a person first opens the intents.
const IntentsEditor = lazy(() => import('./IntentsEditor').then((m) => ({ default: m.IntentsEditor })));

/** The project's intents as a document: edit, see exactly what is wrong and where, save as an event. */
export function IntentsPanel() {
  const { intents, models, leads } = useProjectView(
    useShallow((v) => ({ intents: v.intents ?? emptyIntentsView, models: v.defs.models, leads: v.role === 'leader' })),
  );
  // The refusal shows beside the document, where the person is looking: not also as a notice.
  const { send } = useCommand({ refusal: 'inline' });
  const [draft, setDraft] = useState(intents.source);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const modelNames = useMemo(() => new Set([...models.values()].map((m) => m.name)), [models]);
  const parsed = useMemo(() => parseIntents(draft, { modelNames }), [draft, modelNames]);
  const issues = parsed.ok ? [] : parsed.issues;
  const dirty = draft !== intents.source;

  const save = async () => {
    // Counted before the save: the view's collections grow in place as events arrive.
    const version = intents.versions.length + 1;
    const result = await send({ type: 'saveIntents', source: draft });
    setOutcome(
      result.ok
        ? { ok: true, text: `Saved as version ${version}.` }
        : { ok: false, text: refusalSentence(result.error) },
    );
  };

  return (
    <aside className="inspector intents-panel" aria-label="Intents">
      <PanelHeader title="Intents" maximisable />
      <p className="muted">
        JSON with comments. Ctrl+Space completes; hover explains a field. Conditions are CEL over <code>data</code>,{' '}
        <code>subject</code>, <code>fact</code>.
      </p>
      <Suspense fallback={<p className="muted">Loading editor…</p>}>
        <IntentsEditor
          value={draft}
          onChange={(text) => (setDraft(text), setOutcome(null))}
          onSaveShortcut={() => void save()}
          issues={issues}
        />
      </Suspense>
      <div className="intents-panel__actions">
        <button type="button" className="button primary" onClick={() => void save()} disabled={!leads}>
          Save intents
        </button>
        {dirty && <span className="muted">Unsaved changes</span>}
        <button
          type="button"
          className="button small ghost"
          disabled={!dirty}
          onClick={() => (setDraft(intents.source), setOutcome(null))}
        >
          Revert
        </button>
      </div>
      {outcome && (
        <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'intents-ok' : 'intents-error'}>
          {outcome.text}
        </p>
      )}
      <ProblemList issues={issues} className="" listClassName="intents-issues" />
      <section aria-label="Saved versions">
        <h3>Saved versions</h3>
        {intents.versions.length === 0 ? (
          <p className="muted">None yet: saving adds one to the log.</p>
        ) : (
          <ol className="intents-versions">
            {intents.versions.map((v, i) => (
              <li key={v.seq}>
                Version {i + 1} (event #{v.seq}){' '}
                <button type="button" className="button small ghost" onClick={() => setDraft(v.source)}>
                  Open
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
    </aside>
  );
}
