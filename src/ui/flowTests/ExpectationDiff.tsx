import { diffLines } from 'diff';
import type { ExpectationResult } from '../../core/flowTests/flowTestSchema';

const KIND_NAMES = { exact: 'exact', subset: 'JSON subset', cel: 'CEL' } as const;

/** One expectation's verdict: a line diff of expected against actual, or the predicate and the artifact it judged. */
export function ExpectationDiff({ result, label }: { result: ExpectationResult; label: string }) {
  const title = `${label} → ${result.port}`;
  return (
    <section
      className={`flow-test-expectation ${result.passed ? 'is-pass' : 'is-fail'}`}
      aria-label={`${title}: ${result.passed ? 'passed' : 'failed'}`}
    >
      <h4>
        <span className={`badge ${result.passed ? 'live' : 'error'}`}>{result.passed ? 'pass' : 'fail'}</span> {title}{' '}
        <span className="muted">({KIND_NAMES[result.kind]})</span>
      </h4>
      {result.message && <p>{result.message}</p>}
      {result.passed ? null : result.kind === 'cel' ? (
        <dl className="flow-test-cel">
          <dt>Predicate</dt>
          <dd>
            <code>{result.expected}</code>
          </dd>
          <dt>Artifact</dt>
          <dd>
            <pre className="diff">{result.actual}</pre>
          </dd>
        </dl>
      ) : (
        <pre className="diff" aria-label={`Expected vs actual for ${title}`}>
          {diffLines(result.expected, result.actual).map((part, i) => (
            <span key={i} className={part.added ? 'diff__added' : part.removed ? 'diff__removed' : 'diff__same'}>
              {part.value
                .replace(/\n$/, '')
                .split('\n')
                .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}`)
                .join('\n') + '\n'}
            </span>
          ))}
        </pre>
      )}
    </section>
  );
}

/** The legend of a diff: which side is which. */
export const DiffLegend = () => <p className="muted flow-tests-small">− expected · + actual</p>;
