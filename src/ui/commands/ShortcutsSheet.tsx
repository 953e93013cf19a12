import { Dialog } from '../share/Dialog';
import type { StudioAction } from './studioActions';
import { otherShortcuts } from './otherShortcuts';
import { ShortcutKeys } from './shortcutKeys';
import './commands.css';

/** Every keyboard shortcut: the actions' (as the palette shows them) and the canvas's, timeline's and editors'. */
export default function ShortcutsSheet({ actions, onClose }: { actions: StudioAction[]; onClose: () => void }) {
  const rows = [
    ...otherShortcuts,
    ...actions
      .filter((a) => a.shortcut !== undefined && a.id !== 'shortcuts' && a.id !== 'select-all')
      .map((a) => ({ group: 'Commands', keys: a.shortcut ?? '', what: a.title })),
  ];
  const groups = [...new Set(rows.map((r) => r.group))];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <div className="shortcuts-sheet">
        {groups.map((group) => (
          <section key={group} aria-label={group}>
            <h3>{group}</h3>
            <dl>
              {rows
                .filter((r) => r.group === group)
                .map((r) => (
                  <div key={r.keys + r.what} className="shortcuts-sheet__row">
                    <dt>
                      <ShortcutKeys keys={r.keys} />
                    </dt>
                    <dd>{r.what}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
