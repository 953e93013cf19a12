import { useState, type FormEvent } from 'react';
import { useProjectView } from '../../app/useProjectSession';
import type { IntentsView } from '../../core/intents/intentsView';
import type { FlowDefinition } from '../../core/project/projectState';
import { useCommand } from '../useCommand';

const HOUR = 3_600_000;

/** The churn example's form: a rep logs a call, which records `call.logged` and starts the flow. */
function LogCallForm({ flow }: { flow: FlowDefinition }) {
  const execute = useCommand();
  const [customer, setCustomer] = useState('acme');
  const [sentiment, setSentiment] = useState('negative');
  const [notes, setNotes] = useState('Unhappy with the renewal price.');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void execute({
      type: 'recordFact',
      fact: 'call.logged',
      subject: customer,
      data: { sentiment, notes, rep: 'you' },
      runFlowId: flow.flowId,
    });
  };
  return (
    <form className="fact-form" aria-label="Log a call" onSubmit={submit}>
      <h3>Log a call</h3>
      <label>
        Customer
        <input value={customer} onChange={(e) => setCustomer(e.target.value)} required />
      </label>
      <label>
        Sentiment
        <select value={sentiment} onChange={(e) => setSentiment(e.target.value)}>
          <option value="positive">positive</option>
          <option value="neutral">neutral</option>
          <option value="negative">negative</option>
        </select>
      </label>
      <label>
        Notes
        <input value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <button type="submit" className="button primary">
        Log call
      </button>
    </form>
  );
}

/** Any fact, by hand: to try an intent out. */
function RecordFactForm({ flow }: { flow: FlowDefinition }) {
  const execute = useCommand();
  const [fact, setFact] = useState('');
  const [subject, setSubject] = useState('');
  const [data, setData] = useState('{}');
  const [runFlow, setRunFlow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return setError('Data is not valid JSON.');
    }
    const result = await execute({
      type: 'recordFact',
      fact,
      subject,
      data: parsed as never,
      ...(runFlow ? { runFlowId: flow.flowId } : {}),
    });
    setError(result.ok ? null : result.error.message);
  };
  return (
    <form className="fact-form" aria-label="Record a fact" onSubmit={(e) => void submit(e)}>
      <h3>Record a fact</h3>
      <label>
        Fact
        <input value={fact} onChange={(e) => setFact(e.target.value)} placeholder="risk.assessed" required />
      </label>
      <label>
        Subject
        <input value={subject} onChange={(e) => setSubject(e.target.value)} placeholder="acme" />
      </label>
      <label>
        Data (JSON)
        <input value={data} onChange={(e) => setData(e.target.value)} />
      </label>
      <label>
        <span>
          <input type="checkbox" checked={runFlow} onChange={(e) => setRunFlow(e.target.checked)} /> Start the flow with
          it
        </span>
      </label>
      <button type="submit" className="button">
        Record fact
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function ClockControls({ intents }: { intents: IntentsView }) {
  const execute = useCommand();
  const role = useProjectView((v) => v.role);
  const h = Math.floor(intents.clockOffset / HOUR);
  return (
    <section aria-label="Virtual clock">
      <h3>
        Virtual clock:{' '}
        {intents.clockOffset === 0
          ? 'real time'
          : `real time + ${h} h ${Math.round((intents.clockOffset % HOUR) / 60_000)} min`}
      </h3>
      {[
        ['1 minute', 60_000],
        ['1 hour', HOUR],
        ['48 hours', 48 * HOUR],
      ].map(([label, ms]) => (
        <button
          key={label}
          type="button"
          className="button small"
          disabled={role !== 'leader'}
          onClick={() => void execute({ type: 'advanceClock', byMs: ms as number })}
        >
          Advance clock by {label}
        </button>
      ))}
    </section>
  );
}

export function FactForms({ flow, intents }: { flow: FlowDefinition; intents: IntentsView }) {
  const logsCalls =
    intents.document?.intents.some(
      (i) =>
        (i.kind === 'reaction' && i.when.fact === 'call.logged') ||
        (i.kind === 'deadline' && i.after.fact === 'call.logged'),
    ) ?? false;
  return (
    <>
      {logsCalls && <LogCallForm flow={flow} />}
      <RecordFactForm flow={flow} />
      <ClockControls intents={intents} />
    </>
  );
}
