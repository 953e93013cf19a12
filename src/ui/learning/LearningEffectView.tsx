import { describeEffect, type RunGroup } from '../../core/learning/learningEffect';
import { formatCost } from '../runs/spendFormat';
import { useLearningEffect } from './useLearningEffect';
import './learning.css';

const rate = (g: RunGroup) => (g.runs === 0 ? '—' : `${Math.round((100 * g.succeeded) / g.runs)}%`);
const perRun = (g: RunGroup, x: number, format: (n: number) => string) => (g.runs === 0 ? '—' : format(x / g.runs));

/**
 * Whether learning helped (Metrics): the flow's finished runs with its chains tried as written,
 * beside those whose order learning chose: success, cost and model calls a run. Shown once the
 * flow has a learned run; before that there is nothing to compare.
 */
export function LearningEffectView({ flowId, flowName }: { flowId: string; flowName: string }) {
  const effect = useLearningEffect(flowId);
  if (effect.learned.runs === 0) return null;
  const summary = describeEffect(effect, formatCost);
  const rows: Array<[string, RunGroup]> = [
    ['Fixed order (before)', effect.fixed],
    ['Learned order', effect.learned],
  ];
  return (
    <section className="learning-effect" aria-label="Learning effect">
      <h3 className="metrics-section-title">Learning in “{flowName}”</h3>
      <div className="metrics-steps__scroll">
        <table className="metrics-steps learning-effect__table">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col" className="is-numeric">
                Runs
              </th>
              <th scope="col" className="is-numeric">
                Succeeded
              </th>
              <th scope="col" className="is-numeric">
                Cost a run
              </th>
              <th scope="col" className="is-numeric">
                Calls a run
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, g]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="is-numeric">{g.runs}</td>
                <td className="is-numeric">{rate(g)}</td>
                <td className="is-numeric">{perRun(g, g.costUsd, formatCost)}</td>
                <td className="is-numeric">{perRun(g, g.calls, (n) => n.toFixed(1))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="learning-effect__summary">{summary ?? 'No run with the chain as written to compare with yet.'}</p>
    </section>
  );
}
