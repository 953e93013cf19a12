import { useEffect, useRef, useState } from 'react';
import { uiStore } from '../../app/uiStore';
import { DEFINITION_KINDS, newModelKey, type DefinitionKind } from '../modelEditor/definitionKinds';
import './palette.css';

const HINTS: Record<DefinitionKind, string> = {
  llm: 'An OpenAI-compatible chat-completions model (Ollama, llama.cpp, OpenAI…)',
  human: 'A person types or uploads the output, from the inbox',
  branch: 'Routes its input to one output by a condition',
  'gate-quality': 'Passes its input when a rule holds',
  'gate-approval': 'A person approves or rejects, with notes',
  'gate-budget': 'Passes only if the run has budget left',
  subflow: 'Runs another flow of this project',
};

const ITEMS: ReadonlyArray<{ kind: DefinitionKind | 'script'; label: string; hint: string }> = [
  { kind: 'script', label: 'Script', hint: 'TypeScript run in a sandbox' },
  ...DEFINITION_KINDS.map(({ kind, label }) => ({ kind, label, hint: HINTS[kind] })),
];

/** "New model ▾": which kind of model to make; the editor opens with a starting point for it. */
export function NewModelMenu() {
  const [open, setOpen] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  const choose = (kind: DefinitionKind | 'script') => {
    setOpen(false);
    uiStore.setState({ editingModel: newModelKey(kind), panel: 'inspector' });
  };
  return (
    <div className="topbar__menu" onKeyDown={(e) => e.key === 'Escape' && open && (e.stopPropagation(), setOpen(false))}>
      <button type="button" className="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        New model ▾
      </button>
      {open && (
        <div className="menu menu--right" role="menu" aria-label="New model">
          {ITEMS.map((item, i) => (
            <button key={item.kind} ref={i === 0 ? first : undefined} type="button" role="menuitem" title={item.hint} onClick={() => choose(item.kind)}>
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
