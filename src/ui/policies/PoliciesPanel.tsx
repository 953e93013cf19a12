import { useShallow } from 'zustand/react/shallow';
import { lazy, Suspense, useMemo, useState } from 'react';
import { PanelHeader } from '../shell/PanelHeader';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { policiesDocumentSchema } from '../../core/policy/policy';
import { checkJsonc } from '../jsonc/jsoncCheck';
import { jsoncDocumentUri } from '../jsonc/jsonSchemaRegistry';
import { ProblemList } from '../jsonc/ProblemList';
import { SavedDocumentActions } from '../jsonc/SavedDocumentActions';
import { useSavedDocument } from '../jsonc/useSavedDocument';
import { policiesJsonSchema } from './policiesJsonSchema';
import { POLICIES_TEMPLATE } from './policiesTemplate';
import { unknownFlowIssues } from './unknownFlowIssues';
import '../jsonc/jsonc.css';

// Monaco is large: it loads when a person first opens an editor.
const JsoncEditor = lazy(() => import('../jsonc/JsoncEditor').then((m) => ({ default: m.JsoncEditor })));

/** The project's policies as code: project → flow (→ step, in Step settings), saved as an event. */
export function PoliciesPanel() {
  const { policies, flows, leads } = useProjectView(useShallow((v) => ({ policies: v.defs.policies, flows: v.defs.flows, leads: v.role === 'leader' })));
  const session = useSession();
  const saved = policies?.source ?? POLICIES_TEMPLATE;
  const doc = useSavedDocument(saved, (source) => session.execute({ type: 'savePolicies', source }));
  const { draft, outcome } = doc;
  const [documentUri] = useState(() => jsoncDocumentUri('policies.jsonc'));
  const flowNames = useMemo(() => [...flows.values()].map((f) => f.name), [flows]);
  const schema = useMemo(() => ({ uri: 'https://conductor.studio/schemas/policies.json', fileMatch: ['*.policies.jsonc'], schema: policiesJsonSchema(flowNames) }), [flowNames]);
  const issues = useMemo(() => {
    const check = checkJsonc(draft, policiesDocumentSchema);
    return check.ok ? unknownFlowIssues(draft, Object.keys(check.value.flows), flowNames) : check.issues;
  }, [draft, flowNames]);
  const shownIssues = outcome && !outcome.ok && outcome.issues.length > 0 ? outcome.issues : issues;

  return (
    <aside className="inspector intents-panel" aria-label="Policies">
      <PanelHeader title="Policies" maximisable />
      <p className="jsonc-note">
        Merged project → flow → step, later overriding earlier. A step’s own policy is in its <strong>Step settings</strong>.
      </p>
      <Suspense fallback={<p className="muted">Loading editor…</p>}>
        <JsoncEditor
          value={draft}
          onChange={doc.edit}
          onSaveShortcut={() => void doc.save()}
          ariaLabel="Policies document"
          documentUri={documentUri}
          schema={schema}
          issues={shownIssues}
          saveAction={{ id: 'conductor.savePolicies', label: 'Save policies' }}
          className="policies-editor"
        />
      </Suspense>
      <SavedDocumentActions label="Save policies" savedText="Policies saved." canSave={leads} document={doc} />
      <ProblemList issues={shownIssues} documentUri={documentUri} />
    </aside>
  );
}
