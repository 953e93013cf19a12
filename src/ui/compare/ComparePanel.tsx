import { useState } from 'react';
import type { RunState } from '../../core/run/runState';
import { uiStore } from '../../app/uiStore';
import { ArtifactDiff } from './ArtifactDiff';
import { compareRuns } from './compareRuns';

/** Two runs side by side: which steps differ, which artifacts changed, and how. */
export function ComparePanel({ a, b, names }: { a: RunState; b: RunState; names: [string, string] }) {
  const rows = compareRuns(a, b);
  const [open, setOpen] = useState<string | null>(rows.find((r) => r.outputs.some((o) => !o.same))?.stepId ?? null);
  const differing = rows.filter((r) => r.differs).length;
  return (
    <aside className="inspector" aria-label="Compare runs">
      <div className="panel-title-row">
        <h2 className="panel-title">
          {names[0]} vs {names[1]}
        </h2>
        <button type="button" className="button small ghost" onClick={() => uiStore.setState({ compareRunId: null })}>
          Close
        </button>
      </div>
      <div className="inspector__body">
        <p className="muted">
          {differing === 0
            ? 'The two runs produced the same artifacts at every step.'
            : `${differing} of ${rows.length} steps differ.`}
        </p>
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">{names[0]}</th>
              <th scope="col">{names[1]}</th>
              <th scope="col">Artifacts</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.stepId}
                className={row.differs ? 'is-different' : ''}
                aria-label={`${row.label}: ${row.differs ? 'differs' : 'same'}`}
              >
                <th scope="row">{row.label}</th>
                <td className={`status-${row.a ?? ''}`}>{row.a ?? '—'}</td>
                <td className={`status-${row.b ?? ''}`}>{row.b ?? '—'}</td>
                <td>
                  {row.outputs.every((o) => o.same) ? (
                    'same'
                  ) : (
                    <button
                      type="button"
                      className="link"
                      onClick={() => setOpen(open === row.stepId ? null : row.stepId)}
                    >
                      {open === row.stepId ? 'hide diff' : 'changed: show diff'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows
          .filter((r) => r.stepId === open)
          .flatMap((r) => r.outputs.filter((o) => !o.same).map((o) => ({ r, o })))
          .map(({ r, o }) => (
            <section key={`${r.stepId}:${o.port}`} className="compare-diff">
              <h3>
                {r.label}.{o.port}
              </h3>
              <ArtifactDiff
                title={`${r.label}.${o.port}`}
                {...(o.a ? { a: o.a.hash } : {})}
                {...(o.b ? { b: o.b.hash } : {})}
              />
            </section>
          ))}
      </div>
    </aside>
  );
}
