import { Fragment } from 'react';

/**
 * Keys as a person reads them: "Ctrl+Shift+Z Ctrl+Y" is two alternatives, each a chord of
 * keys joined by "+" (a lone "+" stays a key).
 */
export function ShortcutKeys({ keys }: { keys: string }) {
  const alternatives = keys.split(' ').filter(Boolean);
  return (
    <span className="shortcut-keys">
      {alternatives.map((chord, i) => (
        <Fragment key={chord}>
          {i > 0 && <span className="shortcut-keys__or"> or </span>}
          <span className="shortcut-keys__chord">
            {chord.split(/(?<=.)\+/).map((key, j) => (
              <Fragment key={key}>
                {j > 0 && '+'}
                <kbd>{key}</kbd>
              </Fragment>
            ))}
          </span>
        </Fragment>
      ))}
    </span>
  );
}
