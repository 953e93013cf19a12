import { uiStore } from '../../app/uiStore';
import { leaveModelEditor } from '../modelEditor/unsavedDraft';
import type { KindRegistry } from '../../core/kinds/kindRegistry';
import { newModelKey, type DefinitionKind } from '../modelEditor/definitionKinds';

export interface NewModelChoice {
  key: DefinitionKind;
  label: string;
  hint: string;
  /** Made by an enabled extension, not built in. */
  extension: boolean;
}

/**
 * What "New model ▾" and the command palette offer, in the registry's order: a code kind is one
 * choice (the script editor), a definition kind one per template, extension kinds included.
 */
export const newModelChoices = (kinds: KindRegistry): NewModelChoice[] =>
  kinds.all().flatMap((kind) =>
    kind.editor === 'code'
      ? [{ key: 'script', label: kind.label, hint: 'TypeScript run in a sandbox', extension: false }]
      : kind.templates.map((t) => ({
          key: t.key,
          label: t.label,
          hint: t.hint,
          extension: kind.provided !== undefined,
        })),
  );

/** Opens the editor on a new model of one kind, with the kind's starting point. */
export const startNewModel = (key: DefinitionKind): void =>
  leaveModelEditor(() => uiStore.setState({ editingModel: newModelKey(key), panel: 'inspector' }));
