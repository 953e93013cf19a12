import type { JsoncIssue } from './jsoncCheck';

/** The problems of a JSONC document, line first, as a list a person can read without hovering. */
export function ProblemList({ issues, label = 'Problems' }: { issues: readonly JsoncIssue[]; label?: string }) {
  if (issues.length === 0) return null;
  return (
    <section className="jsonc-problems" aria-label={label}>
      <h3>{label}</h3>
      <ul>
        {issues.map((i, n) => (
          <li key={n}>
            Line {i.line}, {i.path}: {i.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
