import { useEffect, useRef, useState } from 'react';
import { showPanel } from '../../app/panels';
import { OBSERVE_PANELS } from '../shell/panelRegistry';

/** Observe ▾: opens one of the views that watch the conductor (metrics, alerts, events, tests). */
export function ObserveMenu() {
  const [open, setOpen] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  return (
    <div className="topbar__menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        className="button ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        Observe ▾
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Observe">
          {OBSERVE_PANELS.map((v, i) => (
            <button
              key={v.id}
              ref={i === 0 ? first : undefined}
              type="button"
              role="menuitem"
              onClick={() => (setOpen(false), showPanel(v.id))}
            >
              {v.title}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
