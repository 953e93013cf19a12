import { useShallow } from 'zustand/react/shallow';
import { useMemo, useState } from 'react';
import { PanelHeader } from '../shell/PanelHeader';
import { useProjectView } from '../../app/useProjectSession';
import { policiesDocumentSchema } from '../../core/policy/policy';
import { checkJsonc } from '../jsonc/jsoncCheck';
import { jsoncDocumentUri } from '../jsonc/jsonSchemaRegistry';
import { JsoncDocumentPanel } from '../jsonc/JsoncDocumentPanel';
import { useJsoncDocument } from '../jsonc/useJsoncDocument';
import { policiesJsonSchema } from './policiesJsonSchema';
import { POLICIES_TEMPLATE } from './policiesTemplate';
import { unknownFlowIssues } from './unknownFlowIssues';

/** The project's policies as code: project → flow (→ step, in Step settings), saved as an event. */
export function PoliciesPanel() {
  const { policies, flows, leads } = useProjectView(
    useShallow((v) => ({ policies: v.defs.policies, flows: v.defs.flows, leads: v.role === 'leader' })),
  );
  const document = useJsoncDocument({
    saved: policies?.source ?? POLICIES_TEMPLATE,
    command: (source) => ({ type: 'savePolicies', source }),
  });
  const { draft } = document;
  const [documentUri] = useState(() => jsoncDocumentUri('policies.jsonc'));
  const flowNames = useMemo(() => [...flows.values()].map((f) => f.name), [flows]);
  const schema = useMemo(
    () => ({
      uri: 'https://conductor.studio/schemas/policies.json',
      fileMatch: ['*.policies.jsonc'],
      schema: policiesJsonSchema(flowNames),
    }),
    [flowNames],
  );
  const issues = useMemo(() => {
    const check = checkJsonc(draft, policiesDocumentSchema);
    return check.ok ? unknownFlowIssues(draft, Object.keys(check.value.flows), flowNames) : check.issues;
  }, [draft, flowNames]);

  return (
    <aside className="inspector intents-panel" aria-label="Policies">
      <PanelHeader title="Policies" maximisable />
      <p className="jsonc-note">
        Merged project → flow → step, later overriding earlier. A step’s own policy is in its{' '}
        <strong>Step settings</strong>.
      </p>
      <JsoncDocumentPanel
        document={document}
        liveIssues={issues}
        ariaLabel="Policies document"
        documentUri={documentUri}
        schema={schema}
        saveLabel="Save policies"
        saveId="conductor.savePolicies"
        savedText="Policies saved."
        canSave={leads}
        editorClassName="policies-editor"
      />
    </aside>
  );
}
