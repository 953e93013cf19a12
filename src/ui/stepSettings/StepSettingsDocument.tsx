import { useMemo, useState } from 'react';
import { useDefinitions, useProjectView } from '../../app/useProjectSession';
import { modelIdSchema, stepIdSchema } from '../../core/events/primitives';
import { stepSettingsSchema } from '../../core/flow/stepSettings';
import { displayName } from '../../core/flow/referenceNames';
import { resolveSettingsNames, settingsScope } from '../../core/project/stepSettingsNames';
import type { FlowDefinition, StepDefinition } from '../../core/project/projectState';
import { checkJsonc, parseJsonc } from '../jsonc/jsoncCheck';
import { jsoncDocumentUri } from '../jsonc/jsonSchemaRegistry';
import { jsonSchemaWithIds } from '../jsonc/jsonSchemaWithIds';
import { JsoncDocumentPanel } from '../jsonc/JsoncDocumentPanel';
import { useJsoncDocument } from '../jsonc/useJsoncDocument';
import { kindLabel } from '../modelEditor/definitionKinds';
import { kindsOf } from '../../app/kinds';
import { STEP_SETTINGS_DOCS } from './stepSettingsDocs';
import { settingsKey, storedKey, textFromSettings } from './stepSettingsText';

/** A draft the conductor can take: a JSON object (the schema and names are its to check). */
function settingsObject(draft: string): Record<string, unknown> | undefined {
  const parsed = parseJsonc(draft);
  return parsed.ok && parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value)
    ? (parsed.value as Record<string, unknown>)
    : undefined;
}

/**
 * One step's settings document: checked as typed, saved with `configureStep` (undoable like any flow
 * edit). Models and steps appear by name; the conductor stores their ids, and the document is
 * rendered again with the new names after a rename.
 */
export function StepSettingsDocument({ flow, step }: { flow: FlowDefinition; step: StepDefinition }) {
  const defs = useDefinitions();
  const role = useProjectView((v) => v.role);
  const scope = useMemo(() => settingsScope(defs, flow, step.stepId), [defs, flow, step.stepId]);
  const stored = storedKey(step.settings);
  // The settings changed (a save, an undo, another tab) or a model or step they name was renamed:
  // a document that already says so keeps its text and comments; any other follows the step.
  const document = useJsoncDocument({
    saved: textFromSettings(step.settings, scope),
    says: (draft) => settingsKey(draft, scope) === stored,
    touched: 'follow',
    command: (draft) => {
      const settings = settingsObject(draft);
      return settings
        ? { type: 'configureStep', flowId: flow.flowId, stepId: step.stepId, settings }
        : { notReady: 'The settings are not a JSON object yet: fix the problems marked, then save again.' };
    },
  });
  const { draft } = document;
  const [documentUri] = useState(() => jsoncDocumentUri('step-settings.jsonc'));

  const kinds = kindsOf(defs);
  // Completion offers names, each described by what it is: "LLM model", "step running Writer".
  const choices = useMemo(() => {
    const models = [...defs.models.values()].map((m) => ({
      id: displayName(m.modelId, scope.models),
      label: `${kindLabel(kinds, m)} model`,
    }));
    const steps = [...flow.steps.values()]
      .filter((s) => s.stepId !== step.stepId)
      .map((s) => ({
        id: displayName(s.stepId, scope.steps),
        label: `step running ${defs.models.get(s.modelId)?.name ?? 'a missing model'}`,
      }));
    return [
      [modelIdSchema, models],
      [stepIdSchema, steps],
    ] as const;
  }, [scope, defs.models, flow.steps, step.stepId, kinds]);
  const schema = useMemo(
    () => ({
      uri: 'https://conductor.studio/schemas/step-settings.json',
      fileMatch: ['*.step-settings.jsonc'],
      schema: jsonSchemaWithIds(stepSettingsSchema, choices, STEP_SETTINGS_DOCS),
    }),
    [choices],
  );
  const liveIssues = useMemo(() => {
    const check = checkJsonc(draft, stepSettingsSchema, (value) => resolveSettingsNames(value, scope));
    return check.ok ? [] : check.issues;
  }, [draft, scope]);

  return (
    <div className="step-settings__document">
      <JsoncDocumentPanel
        document={document}
        liveIssues={liveIssues}
        ariaLabel="Step settings document"
        documentUri={documentUri}
        schema={schema}
        saveLabel="Save step settings"
        saveId="conductor.saveStepSettings"
        savedText="Step settings saved. Undo (over the canvas) takes them back."
        canSave={role === 'leader'}
        revertable={false}
        compact
        editorClassName="step-settings__editor"
      />
    </div>
  );
}
