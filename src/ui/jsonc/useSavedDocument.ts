import { useState } from 'react';
import type { CommandResult } from '../../core/conductor/commands';
import { issuesFromMessage, type JsoncIssue } from './jsoncCheck';

export type SaveOutcome = { ok: true } | { ok: false; text: string; issues: JsoncIssue[] };

/**
 * A project document saved as an event (policies, alert rules): the draft a person edits, what was
 * last saved, and the save. A save that arrives (this tab's, or another tab's) replaces a draft no
 * one has touched; a touched one stays until it is saved or reverted.
 */
export function useSavedDocument(saved: string, send: (source: string) => Promise<CommandResult>) {
  const [draft, setDraft] = useState(saved);
  const [baseline, setBaseline] = useState(saved);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [saving, setSaving] = useState(false);
  const [seen, setSeen] = useState(saved);
  if (saved !== seen) {
    setSeen(saved);
    if (draft === baseline) {
      setDraft(saved);
      setBaseline(saved);
    }
  }

  const save = async () => {
    if (saving) return;
    setSaving(true);
    const sent = draft;
    try {
      const result = await send(sent);
      if (result.ok) {
        setBaseline(sent);
        setOutcome({ ok: true });
      } else {
        setOutcome({ ok: false, text: `${result.error.message} ${result.error.hint}`.trim(), issues: issuesFromMessage(sent, result.error.message) });
      }
    } finally {
      setSaving(false);
    }
  };

  return {
    draft,
    dirty: draft !== baseline,
    outcome,
    saving,
    save,
    edit: (text: string) => (setDraft(text), setOutcome(null)),
    revert: () => (setDraft(baseline), setOutcome(null)),
  };
}
