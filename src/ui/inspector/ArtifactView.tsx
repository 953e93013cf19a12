import { useEffect, useState } from 'react';
import { tableColumns, type ArtifactRecord } from '../../core/artifacts/artifactRecord';
import { useSession } from '../../app/useProjectSession';

const MAX_TABLE_ROWS = 500;

/** Shows one artifact as what it is: text, pretty JSON, or a table. Loaded by hash, on demand. */
export function ArtifactView({ hash, title }: { hash: string; title: string }) {
  const session = useSession();
  const [record, setRecord] = useState<ArtifactRecord | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    session.readArtifact(hash).then(
      (r) => live && setRecord(r ?? null),
      () => live && setRecord(null),
    );
    return () => {
      live = false;
    };
  }, [session, hash]);

  return (
    <figure className="artifact" aria-label={`Artifact ${title}`}>
      <figcaption>
        <span>{title}</span>
        {record && (
          <span className="artifact__meta">
            {record.kind} · {record.body.length.toLocaleString('en')} chars · {hash.slice(0, 10)}
          </span>
        )}
      </figcaption>
      {record === undefined && <p className="muted">Loading…</p>}
      {record === null && <p className="muted">This artifact is missing from storage.</p>}
      {record && <ArtifactBody record={record} />}
    </figure>
  );
}

function ArtifactBody({ record }: { record: ArtifactRecord }) {
  if (record.kind === 'text') return <pre className="artifact__text">{record.body}</pre>;
  const value: unknown = JSON.parse(record.body);
  if (record.kind === 'table' && Array.isArray(value))
    return <ArtifactTable rows={value as Record<string, unknown>[]} order={record.columns} />;
  return <pre className="artifact__json">{JSON.stringify(value, null, 2)}</pre>;
}

/** `order`: the columns as the producer wrote them; the stored body has its keys sorted (canonical JSON). */
function ArtifactTable({
  rows,
  order = [],
}: {
  rows: Record<string, unknown>[];
  order?: readonly string[] | undefined;
}) {
  // Records from before the order was kept have none: their columns stay sorted.
  const columns = [...new Set([...order, ...tableColumns(rows)])];
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  return (
    <div className="artifact__table-wrap">
      <table className="artifact__table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c}>{formatCell(row[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length && (
        <p className="muted">
          Showing {shown.length} of {rows.length} rows.
        </p>
      )}
    </div>
  );
}

function formatCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : JSON.stringify(value);
}
