import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { REBUILD_FROM_HANDLE, REBUILD_TO_HANDLE, type StepNode, type StepNodeData } from './canvasTypes';
import { useInOpenGap } from '../gaps/gapMarks';
import { StepMarks, StepNote, StepSpend } from './StepNodeParts';
import './stepNode.css';

/**
 * A step on the canvas: its label, model (and its kind), settings badges, run status, and one
 * handle per typed port. The status is text (the badge labelled "status", and `data-status`), so
 * tests and screen readers read what the colour shows.
 */
function StepNodeViewImpl({ id, data, selected }: NodeProps<StepNode>) {
  const inGap = useInOpenGap(id);
  const rows = Math.max(data.inputs.length, data.outputs.length, 1);
  const classes = [
    'step-node',
    data.status ? `is-${data.status}` : '',
    data.reused ? 'is-reused' : '',
    selected ? 'is-selected' : '',
    inGap ? 'is-in-gap' : '',
    data.kind ? `kind-${data.kind}` : '',
  ];
  return (
    <section
      className={classes.filter(Boolean).join(' ')}
      data-status={data.status}
      aria-label={`Step ${data.label}`}
      title={data.reason}
    >
      <RebuildHandles data={data} />
      <header className="step-node__head">
        <span className="step-node__label">{data.label}</span>
        {inGap && (
          <span className="gap-badge" aria-label="in an open gap">
            gap
          </span>
        )}
        <StepMarks data={data} />
        {data.status && (
          <span className={`status-badge status-${data.status}`} aria-label="status">
            {data.reused ? 'reused' : data.status}
          </span>
        )}
      </header>
      <div className="step-node__model">
        {data.kind && (
          <span className={`kind-tag kind-tag--${data.kind}`} aria-label={`kind: ${data.kindText ?? data.kind}`}>
            {data.kindText}
          </span>
        )}
        <span className="step-node__model-name">{data.missingModel ? 'model missing' : data.modelName}</span>
      </div>
      {data.badges.length > 0 && (
        <ul className="step-node__badges" aria-label="settings">
          {data.badges.map((b) => (
            <li key={b.key} className={`setting-badge setting-${b.key}`} title={b.label} aria-label={b.label}>
              {b.text}
            </li>
          ))}
        </ul>
      )}
      <div className="step-node__ports" style={{ minHeight: 12 + rows * 22 }}>
        <ul className="step-node__inputs">
          {data.inputs.map((p, i) => (
            <li key={p.name} style={{ top: 8 + i * 22 }}>
              <Handle
                type="target"
                position={Position.Left}
                id={p.name}
                className={`port port-${p.type}`}
                role="img"
                aria-label={`input ${p.name}`}
              />
              <span>{p.name}</span>
            </li>
          ))}
        </ul>
        <ul className="step-node__outputs">
          {data.outputs.map((p, i) => (
            <li key={p.name} style={{ top: 8 + i * 22 }}>
              <span>{p.name}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={p.name}
                className={`port port-${p.type}`}
                role="img"
                aria-label={`output ${p.name}`}
              />
            </li>
          ))}
        </ul>
      </div>
      <StepNote data={data} />
      {data.spend && <StepSpend spend={data.spend} />}
    </section>
  );
}

/** Hidden, unconnectable handles on top of the node that reverse (rebuild) edges attach to. */
function RebuildHandles({ data }: { data: StepNodeData }) {
  return (
    <>
      {data.rebuildTo && (
        <Handle
          type="target"
          position={Position.Top}
          id={REBUILD_TO_HANDLE}
          isConnectable={false}
          className="reverse-handle reverse-handle--to"
          aria-hidden="true"
        />
      )}
      {data.rebuildFrom && (
        <Handle
          type="source"
          position={Position.Top}
          id={REBUILD_FROM_HANDLE}
          isConnectable={false}
          className="reverse-handle reverse-handle--from"
          aria-hidden="true"
        />
      )}
    </>
  );
}

export const StepNodeView = memo(StepNodeViewImpl);
