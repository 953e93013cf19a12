import { lazy, Suspense, useMemo, useState } from 'react';
import { PanelHeader } from '../shell/PanelHeader';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { policiesDocumentSchema } from '../../core/policy/policy';
import { checkJsonc, issuesFromMessage, type JsoncIssue } from '../jsonc/jsoncCheck';
import { jsoncDocumentUri } from '../jsonc/jsonSchemaRegistry';
import { ProblemList } from '../jsonc/ProblemList';
import { policiesJsonSchema } from './policiesJsonSchema';
import { POLICIES_TEMPLATE } from './policiesTemplate';
import { unknownFlowIssues } from './unknownFlowIssues';
import '../jsonc/jsonc.css';

// Monaco is large: it loads when a person first opens an editor.
const JsoncEditor = lazy(() => import('../jsonc/JsoncEditor').then((m) => ({ default: m.JsoncEditor })));

type Outcome = { ok: true } | { ok: false; text: string; issues: JsoncIssue[] };

/** The project's policies as code: project → flow (→ step, in Step settings), saved as an event. */
export function PoliciesPanel() {
  const view = useProjectView();
  const session = useSession();
  const saved = view.defs.policies?.source ?? POLICIES_TEMPLATE;
  const [draft, setDraft] = useState(saved);
  const [baseline, setBaseline] = useState(saved);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [saving, setSaving] = useState(false);
  const [seen, setSeen] = useState(saved);
  const [documentUri] = useState(() => jsoncDocumentUri('policies.jsonc'));
  if (saved !== seen) {
    // A save arrived (this one, or another tab's): an untouched document follows it.
    setSeen(saved);
    if (draft === baseline) {
      setDraft(saved);
      setBaseline(saved);
    }
  }
  const flowNames = useMemo(() => [...view.defs.flows.values()].map((f) => f.name), [view.defs.flows]);
  const schema = useMemo(() => ({ uri: 'https://conductor.studio/schemas/policies.json', fileMatch: ['*.policies.jsonc'], schema: policiesJsonSchema(flowNames) }), [flowNames]);
  const issues = useMemo(() => {
    const check = checkJsonc(draft, policiesDocumentSchema);
    return check.ok ? unknownFlowIssues(draft, Object.keys(check.value.flows), flowNames) : check.issues;
  }, [draft, flowNames]);
  const shownIssues = outcome && !outcome.ok && outcome.issues.length > 0 ? outcome.issues : issues;
  const dirty = draft !== baseline;

  const save = async () => {
    if (saving) return;
    setSaving(true);
    const sent = draft;
    try {
      const result = await session.execute({ type: 'savePolicies', source: sent });
      if (result.ok) {
        setBaseline(sent);
        setOutcome({ ok: true });
      } else {
        setOutcome({ ok: false, text: `${result.error.message} ${result.error.hint}`.trim(), issues: issuesFromMessage(sent, result.error.message) });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <aside className="inspector intents-panel" aria-label="Policies">
      <PanelHeader title="Policies" maximisable />
      <p className="jsonc-note">
        Merged project → flow → step, later overriding earlier. A step’s own policy is in its <strong>Step settings</strong>.
      </p>
      <Suspense fallback={<p className="muted">Loading editor…</p>}>
        <JsoncEditor
          value={draft}
          onChange={(text) => (setDraft(text), setOutcome(null))}
          onSaveShortcut={() => void save()}
          ariaLabel="Policies document"
          documentUri={documentUri}
          schema={schema}
          issues={shownIssues}
          saveAction={{ id: 'conductor.savePolicies', label: 'Save policies' }}
          className="policies-editor"
        />
      </Suspense>
      <div className="jsonc-actions">
        <button type="button" className="button primary" onClick={() => void save()} disabled={view.role !== 'leader' || saving}>
          Save policies
        </button>
        {dirty && <span className="muted">Unsaved changes</span>}
        <button type="button" className="button small ghost" disabled={draft === baseline} onClick={() => (setDraft(baseline), setOutcome(null))}>
          Revert
        </button>
      </div>
      {outcome?.ok && (
        <p className="jsonc-ok" role="status">
          Policies saved.
        </p>
      )}
      {outcome && !outcome.ok && (
        <p className="jsonc-error" role="alert">
          {outcome.text}
        </p>
      )}
      <ProblemList issues={shownIssues} documentUri={documentUri} />
    </aside>
  );
}
