import { useState } from 'react';
import type { ImportReport, ReportNode } from '../../core/import/importReport';
import './foreignImport.css';

const FORMAT = { rivet: 'Rivet', n8n: 'n8n' } as const;

function outcomeText(node: ReportNode): string {
  if (node.outcome === 'placeholder') return 'placeholder: needs you';
  if (node.outcome === 'configuration') return 'configuration';
  return 'step';
}

/**
 * The import report of another tool's file, before anything is written: each node with what it
 * became or why it is a placeholder, and the summary. The person may send the imported LLM models
 * to another server (a local one, say) before pressing Import.
 */
export function ForeignImportReport({
  report,
  onImport,
  onCancel,
}: {
  report: ImportReport;
  onImport: (llmBaseUrl: string) => void;
  onCancel: () => void;
}) {
  const [llmBaseUrl, setLlmBaseUrl] = useState('');
  const validUrl = llmBaseUrl.trim() === '' || /^https?:\/\/\S+$/.test(llmBaseUrl.trim());
  return (
    <section className="foreign-import" aria-label="Import report">
      <p className="foreign-import__summary" role="status">
        {report.summary}
      </p>
      <dl className="import-summary">
        <dt>Opens as</dt>
        <dd>{report.projectName} (a new project)</dd>
        <dt>From</dt>
        <dd>
          {FORMAT[report.format]} · format {report.formatVersion}
        </dd>
        <dt>SHA-256</dt>
        <dd>
          <code title={report.sha256}>{report.sha256.slice(0, 16)}…</code>
        </dd>
        {report.totals.notes > 0 && (
          <>
            <dt>Notes</dt>
            <dd>{report.totals.notes} sticky notes are not steps and are left out.</dd>
          </>
        )}
      </dl>
      <div className="foreign-import__nodes">
        {report.flows.map((flow) => (
          <table key={flow.name} className="foreign-import__table">
            <caption>
              Flow “{flow.name}”: {flow.nodes.length} node{flow.nodes.length === 1 ? '' : 's'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Type</th>
                <th scope="col">Became</th>
              </tr>
            </thead>
            <tbody>
              {flow.nodes.map((node) => (
                <tr key={node.id} className={`foreign-import__row foreign-import__row--${node.outcome}`}>
                  <th scope="row">{node.name}</th>
                  <td>
                    <code title={node.type}>{node.type.split('.').pop()}</code>
                  </td>
                  <td>
                    <span className="foreign-import__outcome">{outcomeText(node)}</span> {node.detail}
                    {node.notes?.map((note) => (
                      <span key={note} className="foreign-import__note">
                        {note}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      {report.cutEdges.length > 0 && (
        <details className="foreign-import__cut">
          <summary>
            {report.cutEdges.length === 1 ? 'One connection is' : `${report.cutEdges.length} connections are`} not drawn
          </summary>
          <ul>
            {report.cutEdges.map((edge) => (
              <li key={edge}>{edge}</li>
            ))}
          </ul>
        </details>
      )}
      <label className="field">
        <span>Send the imported LLM models to (optional)</span>
        <input
          value={llmBaseUrl}
          placeholder="the file’s own server, e.g. https://api.openai.com/v1"
          onChange={(e) => setLlmBaseUrl(e.target.value)}
          aria-invalid={!validUrl}
        />
      </label>
      {!validUrl && (
        <p className="share-error" role="alert">
          Give an http(s) address such as http://localhost:11434/v1, or leave it empty.
        </p>
      )}
      <p className="muted">
        Nothing is written until you press Import. It opens as a new project beside yours; credentials are never
        imported: pick API keys for its LLM models afterwards.
      </p>
      <div className="share-actions">
        <button type="button" className="button" autoFocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button primary" disabled={!validUrl} onClick={() => onImport(llmBaseUrl)}>
          Import
        </button>
      </div>
    </section>
  );
}
