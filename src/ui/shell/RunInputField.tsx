import { useLayoutEffect, useRef, useState } from 'react';
import { uiStore, useUi } from '../../app/uiStore';

const MAX_HEIGHT = 240;

/**
 * The run input: text or JSON, as many lines as it needs. Focused, it grows over the canvas to
 * show them all (Enter is a new line, Ctrl+Enter runs); away from it, it is one line again, with
 * how many more there are, so the top bar never changes height.
 */
export function RunInputField() {
  const runInput = useUi((s) => s.runInput);
  const [focused, setFocused] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const lines = runInput.split('\n').length;

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    box.style.height = '';
    if (focused) box.style.height = `${Math.min(MAX_HEIGHT, box.scrollHeight + 2)}px`;
  }, [focused, runInput]);

  return (
    <label className="topbar__input run-input">
      <span>Run input</span>
      <span className="run-input__box">
        <textarea
          ref={ref}
          rows={1}
          value={runInput}
          spellCheck={false}
          className={focused ? 'is-open' : undefined}
          aria-describedby={lines > 1 ? 'run-input-lines' : undefined}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onChange={(e) => uiStore.setState({ runInput: e.target.value })}
          placeholder="Text or JSON given to inputs that have no edge"
        />
        {lines > 1 && !focused && (
          <span id="run-input-lines" className="run-input__more">
            +{lines - 1} {lines === 2 ? 'line' : 'lines'}
          </span>
        )}
      </span>
    </label>
  );
}
