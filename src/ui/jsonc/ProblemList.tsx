import type { JsoncIssue } from './jsoncCheck';

/** The problems of a JSONC document, line first, as a list a person can read without hovering. */
export function ProblemList({ issues, label = 'Problems', className = 'jsonc-problems', listClassName }: { issues: readonly JsoncIssue[]; label?: string; className?: string; listClassName?: string }) {
  if (issues.length === 0) return null;
  return (
    <section className={className} aria-label={label}>
      <h3>{label}</h3>
      <ul className={listClassName}>
        {issues.map((i, n) => (
          <li key={n}>
            Line {i.line}, {i.path}: {i.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
