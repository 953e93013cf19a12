import { mergeProblems, useEditorMarkers } from './editorMarkers';
import type { JsoncIssue } from './jsoncCheck';

const NONE: readonly JsoncIssue[] = [];

/**
 * The problems of a JSONC document, line first, as a list a person can read without hovering. With
 * `documentUri`, what Monaco marks in that document is listed too, so the list and the editor agree.
 */
export function ProblemList({
  issues: own,
  documentUri,
  label = 'Problems',
  className = 'jsonc-problems',
  listClassName,
}: {
  issues: readonly JsoncIssue[];
  documentUri?: string;
  label?: string;
  className?: string;
  listClassName?: string;
}) {
  const marked = useEditorMarkers((all) => (documentUri !== undefined ? (all[documentUri] ?? NONE) : NONE));
  const issues = marked.length > 0 ? mergeProblems(own, marked) : own;
  if (issues.length === 0) return null;
  return (
    <section className={className} aria-label={label}>
      <h3>{label}</h3>
      <ul className={listClassName}>
        {issues.map((i, n) => (
          <li key={n}>
            Line {i.line}
            {i.path !== '' ? `, ${i.path}` : ''}: {i.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
