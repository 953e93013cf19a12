import { useEffect, useRef, useState } from 'react';
import type { Command, CommandResult } from '../../core/conductor/commands';
import { refusalSentence, useCommand } from '../useCommand';
import { issuesFromMessage, type JsoncIssue } from './jsoncCheck';

export type SavedResult = Extract<CommandResult, { ok: true }>;

/** What the last save said: saved, refused (its sentence, and the places it names in the text), or not sent. */
export type DocumentOutcome = { ok: true; result: SavedResult } | { ok: false; text: string; issues: JsoncIssue[] };

export interface JsoncDocumentOptions {
  /** The document as the log holds it now (rendered again after a rename, say). */
  saved: string;
  /** True when a draft says what `saved` says, comments and layout aside. Text equality by default. */
  says?: (draft: string) => boolean;
  /**
   * What a touched draft does when the log changes under it to something it does not say: `keep`
   * (documents saved whole: a person's edits stay until saved or reverted) or `follow` (a step's
   * settings, which Undo over the canvas takes back: the document shows what the step has).
   */
  touched?: 'keep' | 'follow';
  /** The command that saves the draft, or the sentence that says why it cannot be sent yet. */
  command: (draft: string) => Command | { notReady: string };
  /** After a save the conductor took (a new model's id, say). */
  onSaved?: (result: SavedResult) => void;
}

export interface JsoncDocument {
  draft: string;
  /** The draft says something the log does not hold. */
  dirty: boolean;
  outcome: DocumentOutcome | null;
  saving: boolean;
  edit: (text: string) => void;
  revert: () => void;
  save: () => Promise<void>;
  /** The conductor's refusal, where it names places in the text; else the problems found as typed. */
  issuesBeside: (live: readonly JsoncIssue[]) => readonly JsoncIssue[];
}

/**
 * A JSON-with-comments document saved as a command (alert rules, policies, a step's settings, a
 * model's definition): the draft a person edits, the text it started from, and the save. When the
 * log changes (this tab's save, another tab's, an undo), a draft that already says so keeps its
 * text and comments, an untouched one follows, and a touched one keeps or follows as `touched`
 * says. A refusal is kept beside the document, with the places in the text its message names.
 */
export function useJsoncDocument({
  saved,
  says = (draft) => draft === saved,
  touched = 'keep',
  command,
  onSaved,
}: JsoncDocumentOptions): JsoncDocument {
  const { send, sending: saving } = useCommand({ refusal: 'inline' });
  const [draft, setDraft] = useState(saved);
  const [baseline, setBaseline] = useState(saved);
  const [seen, setSeen] = useState(saved);
  const [outcome, setOutcome] = useState<DocumentOutcome | null>(null);
  // The text as typed now: a save that resolves after its event already arrived must not mark that text unsaved.
  const latestDraft = useRef(draft);
  useEffect(() => {
    latestDraft.current = draft;
  }, [draft]);
  if (saved !== seen) {
    setSeen(saved);
    if (says(draft)) setBaseline(draft);
    else if (draft === baseline || touched === 'follow') {
      setDraft(saved);
      setBaseline(saved);
    }
  }

  // Two quick Ctrl+S must not send twice: `saving` is only seen on the next render.
  const inFlight = useRef(false);
  const save = async () => {
    if (inFlight.current) return;
    const sent = draft;
    const toSend = command(sent);
    if ('notReady' in toSend) return setOutcome({ ok: false, text: toSend.notReady, issues: [] });
    inFlight.current = true;
    const result = await send(toSend).finally(() => (inFlight.current = false));
    if (!result.ok)
      return setOutcome({
        ok: false,
        text: refusalSentence(result.error),
        issues: issuesFromMessage(sent, result.error.message),
      });
    if (latestDraft.current === sent) setBaseline(sent);
    setOutcome({ ok: true, result });
    onSaved?.(result);
  };

  return {
    draft,
    dirty: draft !== baseline && !says(draft),
    outcome,
    saving,
    save,
    edit: (text: string) => (setDraft(text), setOutcome(null)),
    revert: () => (setDraft(baseline), setOutcome(null)),
    issuesBeside: (live) => (outcome && !outcome.ok && outcome.issues.length > 0 ? outcome.issues : live),
  };
}
