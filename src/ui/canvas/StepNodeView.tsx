import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepNode } from './canvasTypes';
import { useInOpenGap } from '../gaps/gapMarks';

const statusText = { waiting: 'waiting', running: 'running', done: 'done', failed: 'failed' } as const;

/** A step on the canvas: its label, model, run status, and one handle per typed port. */
function StepNodeViewImpl({ id, data, selected }: NodeProps<StepNode>) {
  const inGap = useInOpenGap(id);
  const rows = Math.max(data.inputs.length, data.outputs.length, 1);
  return (
    <section className={`step-node ${data.status ? `is-${data.status}` : ''} ${data.reused ? 'is-reused' : ''} ${selected ? 'is-selected' : ''} ${inGap ? 'is-in-gap' : ''}`} aria-label={`Step ${data.label}`} title={data.reason}>
      <header className="step-node__head">
        <span className="step-node__label">{data.label}</span>
        {inGap && (
          <span className="gap-badge" aria-label="in an open gap">
            gap
          </span>
        )}
        {data.status && (
          <span className={`status-badge status-${data.status}`} aria-label="status">
            {data.reused ? 'reused' : statusText[data.status]}
          </span>
        )}
      </header>
      <div className="step-node__model">{data.missingModel ? 'model missing' : data.modelName}</div>
      <div className="step-node__ports" style={{ minHeight: 12 + rows * 22 }}>
        <ul className="step-node__inputs">
          {data.inputs.map((p, i) => (
            <li key={p.name} style={{ top: 8 + i * 22 }}>
              <Handle type="target" position={Position.Left} id={p.name} className={`port port-${p.type}`} aria-label={`input ${p.name}`} />
              <span>{p.name}</span>
            </li>
          ))}
        </ul>
        <ul className="step-node__outputs">
          {data.outputs.map((p, i) => (
            <li key={p.name} style={{ top: 8 + i * 22 }}>
              <span>{p.name}</span>
              <Handle type="source" position={Position.Right} id={p.name} className={`port port-${p.type}`} aria-label={`output ${p.name}`} />
            </li>
          ))}
        </ul>
      </div>
      {data.status === 'failed' && data.reason && <p className="step-node__reason">{data.reason}</p>}
    </section>
  );
}

export const StepNodeView = memo(StepNodeViewImpl);
