import { Command } from 'cmdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ActionGroup, StudioAction } from './studioActions';
import { matchingActions } from './matchingActions';
import { ShortcutKeys } from './shortcutKeys';
import './commands.css';

function groupsOf(actions: StudioAction[]): Array<[ActionGroup, StudioAction[]]> {
  const byGroup = new Map<ActionGroup, StudioAction[]>();
  for (const a of actions) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
  return [...byGroup];
}

/**
 * The command palette: every action, found by a fuzzy search of its title (and keywords), run
 * with Enter. A modal <dialog> (focus stays in it; Escape or a click outside closes it and focus
 * goes back where it was) holding cmdk's combobox and listbox. Loaded only when first opened.
 */
export default function CommandPalette({ actions, onClose }: { actions: StudioAction[]; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    input.current?.focus();
    return () => element?.close();
  }, []);

  const [search, setSearch] = useState('');
  const shown = useMemo(() => matchingActions(actions, search), [actions, search]);
  // A new search highlights its best match (cmdk would keep the old one, or one the search hid).
  const [highlighted, setHighlighted] = useState('');
  const current = shown.some((a) => a.id === highlighted) ? highlighted : (shown[0]?.id ?? '');
  const choose = (action: StudioAction) => {
    onClose();
    action.run();
  };
  const item = (a: StudioAction) => (
    <Command.Item key={a.id} value={a.id} onSelect={() => choose(a)} className="command-palette__item">
      <span>{a.title}</span>
      {a.shortcut && <ShortcutKeys keys={a.shortcut} />}
    </Command.Item>
  );

  return (
    <dialog
      ref={dialog}
      className="command-palette"
      aria-label="Command palette"
      onCancel={(e) => (e.preventDefault(), onClose())}
      onClick={(e) => e.target === dialog.current && onClose()}
    >
      <Command label="Commands" shouldFilter={false} value={current} onValueChange={setHighlighted} loop>
        <Command.Input
          ref={input}
          value={search}
          onValueChange={(typed) => (setSearch(typed), setHighlighted(''))}
          className="command-palette__input"
          placeholder="Type a command: run, add step, policies…"
        />
        <Command.List className="command-palette__list">
          <Command.Empty className="command-palette__empty">No command matches. Try fewer letters.</Command.Empty>
          {search.trim() === ''
            ? groupsOf(shown).map(([group, items]) => (
                <Command.Group key={group} heading={group}>
                  {items.map(item)}
                </Command.Group>
              ))
            : shown.map(item)}
        </Command.List>
      </Command>
      <p className="command-palette__hint">
        <kbd>↑</kbd> <kbd>↓</kbd> to choose, <kbd>Enter</kbd> to run, <kbd>Esc</kbd> to close
      </p>
    </dialog>
  );
}
