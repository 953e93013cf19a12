import { lazy, Suspense, useMemo, useState } from 'react';
import type { Command } from '../../core/conductor/commands';
import { notify, uiStore, useUi } from '../../app/uiStore';
import { useDefinitions } from '../../app/useProjectSession';
import { useCommand } from '../useCommand';
import type { SavedResult } from '../jsonc/useJsoncDocument';
import { definitionKindOf, kindOfNewKey, type DefinitionKind } from '../modelEditor/definitionKinds';
import { kindsOf } from '../../app/kinds';
import { isScriptModel } from '../../core/kinds/script/scriptKind';

// Monaco is large: it loads only when a person first opens a model.
const ModelEditor = lazy(() => import('../modelEditor/ModelEditor').then((m) => ({ default: m.ModelEditor })));
const DefinitionEditor = lazy(() =>
  import('../modelEditor/DefinitionEditor').then((m) => ({ default: m.DefinitionEditor })),
);

/** The right-hand panel while a model is being created or edited: the code editor for scripts, a JSON definition for the rest. */
export function ModelEditorPanel({ editing }: { editing: string }) {
  // The editors show a refusal beside the fields themselves, from the result.
  const { send } = useCommand({ refusal: 'inline' });
  const defs = useDefinitions();
  const kinds = kindsOf(defs);
  // A model made here keeps its editor (and the text, comments and all) when it becomes the edited one.
  // Until the new model reaches this tab's view, the editor that made it stays as it is.
  const [created, setCreated] = useState<{ modelId: string; key: string; kind: DefinitionKind } | null>(null);
  const shownFlowId = useUi((s) => s.flowId) ?? [...defs.flows.keys()][0];
  // A sub-flow runs another flow: those come first, the one on the canvas last.
  const flows = useMemo(
    () =>
      [...defs.flows.values()]
        .sort((a, b) => Number(a.flowId === shownFlowId) - Number(b.flowId === shownFlowId))
        .map((f) => ({ id: f.flowId, label: f.name })),
    [defs.flows, shownFlowId],
  );
  const close = () => uiStore.setState({ editingModel: null });
  const newKind = kindOfNewKey(editing);
  const model = editing === 'new' || newKind !== null ? null : (defs.models.get(editing as never) ?? null);
  const justCreated = created?.modelId === editing ? created : null;
  const editorKey = justCreated?.key ?? editing;

  const onSaveScript = async (command: Extract<Command, { type: 'saveModel' }>) => {
    const result = await send(command);
    if (result.ok && editing === 'new' && result.createdId) {
      setCreated({ modelId: result.createdId, key: editorKey, kind: 'script' });
      uiStore.setState({ editingModel: result.createdId });
      notify('info', `Model “${command.name}” created. Add it to the flow from the Models list.`);
    }
    return result;
  };
  const onDefinitionSaved = (definition: Record<string, unknown>, result: SavedResult) => {
    if (newKind === null || !result.createdId) return;
    setCreated({ modelId: result.createdId, key: editorKey, kind: newKind });
    uiStore.setState({ editingModel: result.createdId });
    notify('info', `Model “${String(definition.name)}” created. Add it to the flow from the Models list.`);
  };

  const editor = () => {
    const pendingKind = model === null && justCreated?.kind !== 'script' ? justCreated?.kind : undefined;
    const kind = newKind ?? pendingKind;
    if (kind !== undefined)
      return (
        <DefinitionEditor
          key={editorKey}
          model={null}
          kind={kind}
          kinds={kinds}
          flows={flows}
          onSaved={onDefinitionSaved}
          onClose={close}
        />
      );
    const documentKind = model ? definitionKindOf(kinds, model) : null;
    if (model && documentKind !== null) {
      return (
        <DefinitionEditor
          key={editorKey}
          model={model}
          kind={documentKind}
          kinds={kinds}
          flows={flows}
          onSaved={onDefinitionSaved}
          onClose={close}
        />
      );
    }
    if (editing !== 'new' && !model && !justCreated)
      return <p className="muted">That model is not in this project any more.</p>;
    if (model && !isScriptModel(model))
      return (
        <p className="muted">
          “{model.name}” is of a kind not installed: install or enable its extension under Project ▾ → Extensions to
          edit it.
        </p>
      );
    return <ModelEditor model={isScriptModel(model) ? model : null} onSave={onSaveScript} onClose={close} />;
  };

  return (
    <aside className="inspector model-panel" aria-label="Model editor">
      <Suspense fallback={<p className="muted">Loading editor…</p>}>{editor()}</Suspense>
    </aside>
  );
}
