import { lazy, Suspense } from 'react';
import type { Command } from '../../core/conductor/commands';
import { notify, uiStore } from '../../app/uiStore';
import { useProjectView, useSession } from '../../app/useProjectSession';

// Monaco is large: it loads only when a person first opens a model.
const ModelEditor = lazy(() => import('../modelEditor/ModelEditor').then((m) => ({ default: m.ModelEditor })));

/** The right-hand panel while a model is being created or edited. */
export function ModelEditorPanel({ editing }: { editing: string }) {
  const session = useSession();
  const { defs } = useProjectView();
  const model = editing === 'new' ? null : (defs.models.get(editing as never) ?? null);
  const onSave = async (command: Extract<Command, { type: 'saveModel' }>) => {
    const result = await session.execute(command);
    if (result.ok && editing === 'new' && result.createdId) {
      uiStore.setState({ editingModel: result.createdId });
      notify('info', `Model “${command.name}” created. Add it to the flow from the Models list.`);
    }
    return result;
  };
  return (
    <aside className="inspector model-panel" aria-label="Model editor">
      <Suspense fallback={<p className="muted">Loading editor…</p>}>
        <ModelEditor model={model} onSave={onSave} onClose={() => uiStore.setState({ editingModel: null })} />
      </Suspense>
    </aside>
  );
}
