import { useEffect, useState, type ReactNode } from 'react';
import { rememberProject } from '../../app/projectsIndex';
import { notify } from '../../app/uiStore';
import { describeError } from '../../core/errors/studioError';
import { decodeShareLink, isShareFragment, needsPassword } from '../../share/shareLink';
import { describeImport, importText } from './shareActions';
import './share.css';

type GateState = { kind: 'open' } | { kind: 'importing' } | { kind: 'password'; wrong?: string } | { kind: 'failed'; error: string };

let running: Promise<string> | null = null;

/** Imports once per page load, even though React's strict mode runs effects twice. */
function importFragment(fragment: string, password?: string): Promise<string> {
  running ??= (async () => {
    const plan = await importText(await decodeShareLink(fragment, password));
    notify('info', describeImport(plan));
    return plan.projectId;
  })().finally(() => {
    running = null;
  });
  return running;
}

const clearFragment = (): void => history.replaceState(null, '', `${location.pathname}${location.search}`);

/**
 * Opening a share link imports a copy of the project it holds, then opens the studio on it. The
 * studio itself starts only afterwards, so a first visit through a link does not also create the
 * example. A link pasted into an open studio reloads the page to take the same path.
 */
export function ShareLinkGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>(() => (!isShareFragment(location.hash) ? { kind: 'open' } : needsPassword(location.hash) ? { kind: 'password' } : { kind: 'importing' }));
  const [password, setPassword] = useState('');

  const start = (withPassword?: string) => {
    const fragment = location.hash;
    setState({ kind: 'importing' });
    importFragment(fragment, withPassword).then(
      (projectId) => {
        rememberProject(projectId);
        clearFragment();
        setState({ kind: 'open' });
      },
      (error: unknown) => {
        const { message, hint } = describeError(error);
        const text = `${message} ${hint}`.trim();
        setState(needsPassword(fragment) && /password/.test(message) ? { kind: 'password', wrong: text } : { kind: 'failed', error: text });
      },
    );
  };

  useEffect(() => {
    if (state.kind === 'importing') start();
    const onHash = () => isShareFragment(location.hash) && location.reload();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (state.kind === 'open') return children;
  return (
    <main className="share-gate">
      <div className="share-gate__box">
        <h1>Opening a shared project</h1>
        {state.kind === 'importing' && <p role="status">Checking and importing the project in this link…</p>}
        {state.kind === 'password' && (
          <form onSubmit={(e) => (e.preventDefault(), start(password))} className="share-gate__box">
            <label className="field">
              <span>This link is protected. Password</span>
              <input type="password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            {state.wrong && (
              <p className="share-error" role="alert">
                {state.wrong}
              </p>
            )}
            <button type="submit" className="button primary">
              Open
            </button>
          </form>
        )}
        {state.kind === 'failed' && (
          <p className="share-error" role="alert">
            {state.error}
          </p>
        )}
        {state.kind !== 'importing' && (
          <button type="button" className="button" onClick={() => (clearFragment(), setState({ kind: 'open' }))}>
            Open the studio without it
          </button>
        )}
      </div>
    </main>
  );
}
