import type { AlertEntry } from '../../core/alerts/alertsView';
import { useShallow } from 'zustand/react/shallow';
import { useMemo, useState } from 'react';
import { PanelHeader } from '../shell/PanelHeader';
import { useProjectView } from '../../app/useProjectSession';
import type { FlowDefinition } from '../../core/project/projectState';
import { alertsDocumentSchema } from '../../core/alerts/alertsDocument';
import { checkJsonc, issueAtPath, type JsoncIssue } from '../jsonc/jsoncCheck';
import { jsoncDocumentUri } from '../jsonc/jsonSchemaRegistry';
import { JsoncDocumentPanel } from '../jsonc/JsoncDocumentPanel';
import { useJsoncDocument } from '../jsonc/useJsoncDocument';
import { alertsJsonSchema } from './alertsJsonSchema';
import { ALERTS_TEMPLATE } from './alertsTemplate';
import { AlertsList } from './AlertsList';
import { NotificationsSwitch } from './NotificationsSwitch';
import '../jsonc/jsonc.css';
import './alerts.css';

const NO_ALERTS: readonly AlertEntry[] = [];

/** Rules naming a flow no one has would watch nothing: each is marked where it is written. */
function unknownFlowIssues(
  text: string,
  rules: Record<string, { flow?: string | undefined }>,
  flowNames: readonly string[],
): JsoncIssue[] {
  return Object.entries(rules)
    .filter(([, rule]) => rule.flow !== undefined && !flowNames.includes(rule.flow))
    .map(([name, rule]) =>
      issueAtPath(
        text,
        ['alerts', name, 'flow'],
        `no flow is called “${rule.flow ?? ''}”, so this rule would watch nothing`,
      ),
    );
}

/**
 * Alert rules as code beside the alerts they raised: the document (saved as an event, so it is
 * exported and shared with the project) and the list of alerts, firing first.
 */
export default function AlertsPanel({ flow }: { flow: FlowDefinition }) {
  const { rules, fired, flows, leads } = useProjectView(
    useShallow((v) => ({
      rules: v.defs.alerts,
      fired: v.alerts?.alerts,
      flows: v.defs.flows,
      leads: v.role === 'leader',
    })),
  );
  const document = useJsoncDocument({
    saved: rules?.source ?? ALERTS_TEMPLATE,
    command: (source) => ({ type: 'saveAlerts', source }),
  });
  const { draft } = document;
  const [documentUri] = useState(() => jsoncDocumentUri('alerts.jsonc'));
  const flowNames = useMemo(() => [...flows.values()].map((f) => f.name), [flows]);
  const schema = useMemo(
    () => ({
      uri: 'https://conductor.studio/schemas/alerts.json',
      fileMatch: ['*.alerts.jsonc'],
      schema: alertsJsonSchema(flowNames),
    }),
    [flowNames],
  );
  const issues = useMemo(() => {
    const check = checkJsonc(draft, alertsDocumentSchema);
    return check.ok ? unknownFlowIssues(draft, check.value.alerts, flowNames) : check.issues;
  }, [draft, flowNames]);

  return (
    <aside className="inspector intents-panel alerts-panel" aria-label="Alerts">
      <PanelHeader title="Alerts" maximisable />
      <AlertsList alerts={fired ?? NO_ALERTS} shownFlowId={flow.flowId} />
      <h3 className="alerts-panel__subhead">Rules</h3>
      <p className="jsonc-note">
        e.g. <code>error_rate &gt; 5% over 5m</code> · <code>daily_cost &gt; 0.8 × budget</code> ·{' '}
        <code>run_duration &gt; 20m</code> · <code>agent_failures &gt; 2 in 10m</code>
      </p>
      <JsoncDocumentPanel
        document={document}
        liveIssues={issues}
        ariaLabel="Alerts document"
        documentUri={documentUri}
        schema={schema}
        saveLabel="Save alert rules"
        saveId="conductor.saveAlerts"
        savedText="Alert rules saved."
        canSave={leads}
        editorClassName="alerts-editor"
      />
      <NotificationsSwitch />
    </aside>
  );
}
