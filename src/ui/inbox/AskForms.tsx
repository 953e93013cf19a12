import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { RunId } from '../../core/ids';
import type { StepAsk } from '../../core/run/runState';
import { useAnswerAsk } from './useAnswerAsk';

const DECISION_HELP: Record<Exclude<StepAsk['kind'], 'input'>, string> = {
  approval: 'Approve passes the artifact on; Reject stops it here.',
  confidence: 'Approve accepts the draft as it is; Reject fails the step.',
  budget: 'Approve lets the step spend past its budget this once; Reject stops the run here.',
};

/** Approve or reject, with notes that go into the log with the decision. */
export function DecisionForm({ runId, ask }: { runId: RunId; ask: StepAsk }) {
  const { send, sending, error } = useAnswerAsk(runId, ask.askId);
  const [notes, setNotes] = useState('');
  const decide = (decision: 'approve' | 'reject') =>
    void send({ decision, ...(notes.trim() ? { notes: notes.trim() } : {}) });
  return (
    <div className="ask-form">
      <label className="field">
        <span>Notes</span>
        <textarea
          rows={2}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          placeholder="Why (optional): kept with the decision"
        />
      </label>
      <p className="ask-form__help">{ask.kind !== 'input' ? DECISION_HELP[ask.kind] : ''}</p>
      <div className="ask-form__actions">
        <button type="button" className="button primary" disabled={sending} onClick={() => decide('approve')}>
          Approve
        </button>
        <button type="button" className="button danger" disabled={sending} onClick={() => decide('reject')}>
          Reject
        </button>
        {sending && <span className="muted">Sending…</span>}
      </div>
      {error && (
        <p className="ask-form__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Checks a value typed for a port before it is sent; the conductor checks again. */
function problemWith(type: string, value: string): string | null {
  if (value.trim() === '') return 'is empty';
  if (type !== 'json' && type !== 'table') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'is not valid JSON';
  }
  if (
    type === 'table' &&
    (!Array.isArray(parsed) || parsed.some((row) => typeof row !== 'object' || row === null || Array.isArray(row)))
  )
    return 'must be a JSON array of row objects';
  return null;
}

/** A human model's outputs: one field per port, typed or read from a file. */
export function InputForm({ runId, ask }: { runId: RunId; ask: StepAsk }) {
  const { send, sending, error } = useAnswerAsk(runId, ask.askId);
  const ports = ask.ports ?? [];
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const set = (port: string, value: string) => setValues((v) => ({ ...v, [port]: value }));
  const upload = (port: string) => (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    file.text().then(
      (text) => set(port, text),
      () => setProblems([`${file.name} could not be read.`]),
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = ports.flatMap((p) => {
      const problem = problemWith(p.type, values[p.name] ?? '');
      return problem ? [`${p.name} ${problem}.`] : [];
    });
    setProblems(found);
    if (found.length > 0) return;
    void send({ decision: 'provide', outputs: Object.fromEntries(ports.map((p) => [p.name, values[p.name] ?? ''])) });
  };
  return (
    <form className="ask-form" onSubmit={submit} aria-label="Provide the outputs">
      {ports.map((p) => (
        <div key={p.name} className="ask-form__port">
          <label className="field">
            <span>{`${p.name} (${p.type})`}</span>
            <textarea
              rows={p.type === 'text' ? 4 : 6}
              value={values[p.name] ?? ''}
              onChange={(e) => set(p.name, e.target.value)}
              spellCheck={p.type === 'text'}
            />
          </label>
          <label className="button small ghost ask-form__upload">
            <input
              type="file"
              className="visually-hidden"
              aria-label={`Upload file for ${p.name}`}
              accept={p.type === 'text' ? 'text/*,.md,.txt' : '.json,application/json,text/*'}
              onChange={upload(p.name)}
            />
            Upload file
          </label>
        </div>
      ))}
      <div className="ask-form__actions">
        <button type="submit" className="button primary" disabled={sending}>
          Submit
        </button>
        {sending && <span className="muted">Sending…</span>}
      </div>
      {(problems.length > 0 || error) && (
        <div className="ask-form__error" role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {error && <p>{error}</p>}
        </div>
      )}
    </form>
  );
}
