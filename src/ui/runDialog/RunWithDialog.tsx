import { useCommand } from '../useCommand';
import { useMemo, useState, type FormEvent } from 'react';
import type { FlowDefinition } from '../../core/project/projectState';
import { uiStore } from '../../app/uiStore';
import { useDefinitions } from '../../app/useProjectSession';
import { Dialog } from '../share/Dialog';
import '../share/share.css';
import './runDialog.css';

/** Past this many outputs the list is filtered by name rather than shown whole. */
const SHOWN_AT_ONCE = 40;

interface OutputSlot {
  key: string;
  stepId: string;
  port: string;
  label: string;
  type: string;
}

/**
 * "Run with…": the run input, and any step outputs a person already has. Those steps count as
 * done; a step with a rebuild rule can also have its missing earlier outputs rebuilt from them.
 */
export function RunWithDialog({ flow, onClose }: { flow: FlowDefinition; onClose: () => void }) {
  const defs = useDefinitions();
  const { send, refusal: error, clearRefusal } = useCommand({ refusal: 'inline' });
  const [input, setInput] = useState(() => uiStore.getState().runInput);
  const [given, setGiven] = useState<Record<string, string>>({});
  const [filter, setFilter] = useState('');
  const [starting, setStarting] = useState(false);
  const slots = useMemo(() => {
    const list: OutputSlot[] = [];
    for (const step of flow.steps.values()) {
      for (const port of defs.models.get(step.modelId)?.outputs ?? []) {
        list.push({
          key: `${step.stepId}\u0000${port.name}`,
          stepId: step.stepId,
          port: port.name,
          label: `${step.label} · ${port.name}`,
          type: port.type,
        });
      }
    }
    return list;
  }, [flow.steps, defs.models]);
  const needle = filter.trim().toLowerCase();
  const matching = needle ? slots.filter((s) => s.label.toLowerCase().includes(needle)) : slots;
  // Filled ones stay in view even when the filter hides their neighbours.
  const shown = [...new Set([...slots.filter((s) => given[s.key]), ...matching.slice(0, SHOWN_AT_ONCE)])];

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setStarting(true);
    clearRefusal();
    const filled = slots
      .filter((s) => (given[s.key] ?? '') !== '')
      .map((s) => ({ stepId: s.stepId, port: s.port, text: given[s.key] ?? '' }));
    try {
      const result = await send({
        type: 'startRun',
        flowId: flow.flowId,
        input,
        ...(filled.length > 0 ? { given: filled } : {}),
      });
      if (!result.ok) return;
      uiStore.setState({ runInput: input, runId: null, cursor: null, playing: false });
      onClose();
    } finally {
      setStarting(false);
    }
  };

  return (
    <Dialog title="Run with artifacts" onClose={onClose}>
      <form
        className="run-with"
        onSubmit={(e) => void start(e)}
        onKeyDown={(e) => {
          // Ctrl+Enter starts this run, not the studio's plain one behind the dialog.
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            e.stopPropagation();
            e.currentTarget.requestSubmit();
          }
        }}
      >
        <label className="field">
          <span>Run input</span>
          <textarea rows={3} value={input} onChange={(e) => setInput(e.target.value)} />
        </label>
        <p className="muted">
          Fill in any output you already have: that step counts as done, and the conductor rebuilds missing earlier
          outputs from these when a step has a rebuild rule.
        </p>
        {slots.length > SHOWN_AT_ONCE && (
          <label className="field">
            <span>Find an output</span>
            <input
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder="step or port name"
            />
          </label>
        )}
        <fieldset className="run-with__given">
          <legend>I already have this</legend>
          {slots.length === 0 && <p className="muted">This flow has no steps yet.</p>}
          {shown.map((slot) => (
            <label key={slot.key} className="field">
              <span>{slot.label}</span>
              <textarea
                rows={2}
                value={given[slot.key] ?? ''}
                placeholder={
                  slot.type === 'text' || slot.type === 'any'
                    ? 'optional'
                    : `optional, as ${slot.type === 'table' ? 'a JSON array of rows' : 'JSON'}`
                }
                onChange={(e) => setGiven((g) => ({ ...g, [slot.key]: e.target.value }))}
              />
            </label>
          ))}
          {matching.length > SHOWN_AT_ONCE && (
            <p className="muted">{matching.length - SHOWN_AT_ONCE} more: narrow the search to see them.</p>
          )}
        </fieldset>
        {error && (
          <p className="share-error" role="alert">
            {error}
          </p>
        )}
        <div className="share-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={starting}>
            {starting ? 'Starting…' : 'Start run'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
