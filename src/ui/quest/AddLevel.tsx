import { useState } from 'react';
import { BUILTIN_LEVELS, parseLevel } from '../../core/quest/builtinLevels';
import type { QuestLevel } from '../../core/quest/levelSchema';

/** Reads a level someone wrote (JSON text), or says in a sentence what is wrong with it. */
function readLevel(text: string): { ok: true; level: QuestLevel } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `This is not JSON: ${error instanceof Error ? error.message : String(error)}.` };
  }
  const parsed = parseLevel(raw);
  if (!parsed.ok) return parsed;
  if (BUILTIN_LEVELS.some((l) => l.id === parsed.level.id))
    return {
      ok: false,
      message: `“${parsed.level.id}” is the id of a built-in level: give your level an id of its own.`,
    };
  return parsed;
}

/**
 * Add a level a person wrote (the same schema as the built-in ones, src/core/quest/levelSchema.ts):
 * pasted or opened from a file. Its functions become models that carry the level, so exporting or
 * sharing the project shares the level. A broken level is refused with its path and changes nothing.
 */
export function AddLevel({ onAdd }: { onAdd: (level: QuestLevel) => Promise<string | undefined> }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    const read = readLevel(text);
    if (!read.ok) return setError(read.message);
    setBusy(true);
    try {
      const failed = await onAdd(read.level);
      setError(failed ?? null);
      if (!failed) {
        setText('');
        setOpen(false);
      }
    } finally {
      setBusy(false);
    }
  };
  const openFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setError(null);
  };
  if (!open)
    return (
      <button type="button" className="button small" onClick={() => setOpen(true)}>
        Add a level…
      </button>
    );
  return (
    <form
      className="quest-add-level"
      aria-label="Add a level"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <label>
        Level (JSON, as the built-in levels are written)
        <textarea value={text} rows={8} spellCheck={false} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="muted">
        Or open a level file{' '}
        <input type="file" accept=".json,application/json" onChange={(e) => void openFile(e.target.files?.[0])} />
      </label>
      {error && (
        <p className="jsonc-error" role="alert">
          {error}
        </p>
      )}
      <div className="quest-add-level__actions">
        <button type="submit" className="button primary small" disabled={busy || text.trim() === ''}>
          Add level
        </button>
        <button type="button" className="button small" onClick={() => (setOpen(false), setError(null))}>
          Cancel
        </button>
      </div>
    </form>
  );
}
