import { useEffect, useRef, useState } from 'react';
import type { KindRegistry } from '../../core/kinds/kindRegistry';
import type { DefinitionKind } from '../modelEditor/definitionKinds';
import { newModelChoices, startNewModel } from './newModelChoices';
import './palette.css';

/**
 * "New model ▾": which kind of model to make; the editor opens with a starting point for it. The
 * kinds come from the registry: the built-ins, then what the project's enabled extensions provide.
 */
export function NewModelMenu({ kinds }: { kinds: KindRegistry }) {
  const [open, setOpen] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  const items = newModelChoices(kinds);
  const choose = (key: DefinitionKind) => {
    setOpen(false);
    startNewModel(key);
  };
  return (
    <div
      className="topbar__menu"
      onKeyDown={(e) => e.key === 'Escape' && open && (e.stopPropagation(), setOpen(false))}
    >
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        New model ▾
      </button>
      {open && (
        <div className="menu menu--right" role="menu" aria-label="New model">
          {items.map((item, i) => (
            <button
              key={item.key}
              ref={i === 0 ? first : undefined}
              type="button"
              role="menuitem"
              title={item.hint}
              className={item.extension ? 'menu__item--extension' : undefined}
              onClick={() => choose(item.key)}
            >
              {item.label}
              {item.extension && <span className="menu__note"> · extension</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
