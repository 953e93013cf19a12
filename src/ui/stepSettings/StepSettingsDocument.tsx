import { lazy, Suspense, useMemo, useState } from 'react';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { modelIdSchema, stepIdSchema } from '../../core/events/primitives';
import { stepSettingsSchema } from '../../core/flow/stepSettings';
import type { FlowDefinition, StepDefinition } from '../../core/project/projectState';
import { checkJsonc, issuesFromMessage, parseJsonc, type JsoncIssue } from '../jsonc/jsoncCheck';
import { jsoncDocumentUri } from '../jsonc/jsonSchemaRegistry';
import { jsonSchemaWithIds } from '../jsonc/jsonSchemaWithIds';
import { ProblemList } from '../jsonc/ProblemList';
import { kindLabel } from '../modelEditor/definitionKinds';
import { kindsOf } from '../../app/kinds';
import { STEP_SETTINGS_DOCS } from './stepSettingsDocs';
import { settingsKey, storedKey, textFromSettings } from './stepSettingsText';
import '../jsonc/jsonc.css';

// Monaco is large: it loads when a person first opens an editor.
const JsoncEditor = lazy(() => import('../jsonc/JsoncEditor').then((m) => ({ default: m.JsoncEditor })));

type Outcome = { ok: true } | { ok: false; text: string; issues: JsoncIssue[] };

/** One step's settings document: checked as typed, saved with `configureStep` (undoable like any flow edit). */
export function StepSettingsDocument({ flow, step }: { flow: FlowDefinition; step: StepDefinition }) {
  const { defs, role } = useProjectView();
  const session = useSession();
  const [draft, setDraft] = useState(() => textFromSettings(step.settings));
  const [seen, setSeen] = useState(() => storedKey(step.settings));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [saving, setSaving] = useState(false);
  const [documentUri] = useState(() => jsoncDocumentUri('step-settings.jsonc'));
  const stored = storedKey(step.settings);
  if (stored !== seen) {
    // The settings changed (a save, an undo, another tab). A document that already says so keeps its text and comments.
    setSeen(stored);
    if (settingsKey(draft) !== stored) setDraft(textFromSettings(step.settings));
  }

  const kinds = kindsOf(defs);
  const choices = useMemo(
    () =>
      [
        [modelIdSchema, [...defs.models.values()].map((m) => ({ id: m.modelId, label: `${m.name} (${kindLabel(kinds, m)})` }))],
        [stepIdSchema, [...flow.steps.values()].filter((s) => s.stepId !== step.stepId).map((s) => ({ id: s.stepId, label: s.label }))],
      ] as const,
    [defs.models, flow.steps, step.stepId, kinds],
  );
  const schema = useMemo(() => ({ uri: 'https://conductor.studio/schemas/step-settings.json', fileMatch: ['*.step-settings.jsonc'], schema: jsonSchemaWithIds(stepSettingsSchema, choices, STEP_SETTINGS_DOCS) }), [choices]);
  const liveIssues = useMemo(() => {
    const check = checkJsonc(draft, stepSettingsSchema);
    return check.ok ? [] : check.issues;
  }, [draft]);
  const shownIssues = outcome && !outcome.ok && outcome.issues.length > 0 ? outcome.issues : liveIssues;
  const dirty = settingsKey(draft) !== stored && draft !== textFromSettings(step.settings);

  const save = async () => {
    if (saving) return;
    const parsed = parseJsonc(draft);
    if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      setOutcome({ ok: false, text: 'The settings are not a JSON object yet: fix the problems marked, then save again.', issues: [] });
      return;
    }
    setSaving(true);
    const sent = draft;
    try {
      const result = await session.execute({ type: 'configureStep', flowId: flow.flowId, stepId: step.stepId, settings: parsed.value });
      setOutcome(result.ok ? { ok: true } : { ok: false, text: `${result.error.message} ${result.error.hint}`.trim(), issues: issuesFromMessage(sent, result.error.message) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="step-settings__document">
      <Suspense fallback={<p className="muted">Loading editor…</p>}>
        <JsoncEditor
          value={draft}
          onChange={(text) => (setDraft(text), setOutcome(null))}
          onSaveShortcut={() => void save()}
          ariaLabel="Step settings document"
          documentUri={documentUri}
          schema={schema}
          issues={shownIssues}
          saveAction={{ id: 'conductor.saveStepSettings', label: 'Save step settings' }}
          className="step-settings__editor"
        />
      </Suspense>
      <div className="jsonc-actions">
        <button type="button" className="button small primary" onClick={() => void save()} disabled={role !== 'leader' || saving}>
          Save step settings
        </button>
        {dirty && <span className="muted">Unsaved changes</span>}
      </div>
      {outcome?.ok && (
        <p className="jsonc-ok" role="status">
          Step settings saved. Undo (over the canvas) takes them back.
        </p>
      )}
      {outcome && !outcome.ok && (
        <p className="jsonc-error" role="alert">
          {outcome.text}
        </p>
      )}
      <ProblemList issues={shownIssues} />
    </div>
  );
}
