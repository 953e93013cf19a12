import { lazy, Suspense, useMemo, useState } from 'react';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { modelIdSchema, stepIdSchema } from '../../core/events/primitives';
import { stepSettingsSchema } from '../../core/flow/stepSettings';
import { displayName } from '../../core/flow/referenceNames';
import { resolveSettingsNames, settingsScope } from '../../core/project/stepSettingsNames';
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

/**
 * One step's settings document: checked as typed, saved with `configureStep` (undoable like any flow
 * edit). Models and steps appear by name; the conductor stores their ids, and the document is
 * rendered again with the new names after a rename.
 */
export function StepSettingsDocument({ flow, step }: { flow: FlowDefinition; step: StepDefinition }) {
  const { defs, role } = useProjectView();
  const session = useSession();
  const scope = useMemo(() => settingsScope(defs, flow, step.stepId), [defs, flow, step.stepId]);
  const rendered = textFromSettings(step.settings, scope);
  const [draft, setDraft] = useState(rendered);
  const [seen, setSeen] = useState(() => ({ key: storedKey(step.settings), text: rendered }));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [saving, setSaving] = useState(false);
  const [documentUri] = useState(() => jsoncDocumentUri('step-settings.jsonc'));
  const stored = storedKey(step.settings);
  if (stored !== seen.key || rendered !== seen.text) {
    // The settings changed (a save, an undo, another tab) or a model or step they name was renamed.
    // A document that already says so keeps its text and comments; an untouched one follows.
    setSeen({ key: stored, text: rendered });
    if (draft === seen.text || settingsKey(draft, scope) !== stored) setDraft(rendered);
  }

  const kinds = kindsOf(defs);
  // Completion offers names, each described by what it is: "LLM model", "step running Writer".
  const choices = useMemo(() => {
    const models = [...defs.models.values()].map((m) => ({ id: displayName(m.modelId, scope.models), label: `${kindLabel(kinds, m)} model` }));
    const steps = [...flow.steps.values()].filter((s) => s.stepId !== step.stepId).map((s) => ({ id: displayName(s.stepId, scope.steps), label: `step running ${defs.models.get(s.modelId)?.name ?? 'a missing model'}` }));
    return [[modelIdSchema, models], [stepIdSchema, steps]] as const;
  }, [scope, defs.models, flow.steps, step.stepId, kinds]);
  const schema = useMemo(() => ({ uri: 'https://conductor.studio/schemas/step-settings.json', fileMatch: ['*.step-settings.jsonc'], schema: jsonSchemaWithIds(stepSettingsSchema, choices, STEP_SETTINGS_DOCS) }), [choices]);
  const liveIssues = useMemo(() => {
    const check = checkJsonc(draft, stepSettingsSchema, (value) => resolveSettingsNames(value, scope));
    return check.ok ? [] : check.issues;
  }, [draft, scope]);
  const shownIssues = outcome && !outcome.ok && outcome.issues.length > 0 ? outcome.issues : liveIssues;
  const dirty = settingsKey(draft, scope) !== stored && draft !== rendered;

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
      <ProblemList issues={shownIssues} documentUri={documentUri} />
    </div>
  );
}
