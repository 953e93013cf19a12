import { useEffect, useState, type ReactNode } from 'react';
import { rememberProject } from '../../app/projectsIndex';
import { notifyAbout } from '../../app/uiStore';
import { describeError } from '../../core/errors/studioError';
import type { ImportPlan } from '../../share/prepareImport';
import { isShareFragment, needsPassword } from '../../share/shareFragment';
import { trustSigner } from '../../app/signing';
import { ImportPlanSummary } from './ImportPlanSummary';
import './share.css';

type GateState =
  | { kind: 'open' }
  | { kind: 'checking' }
  | { kind: 'password'; wrong?: string }
  | { kind: 'confirm'; plan: ImportPlan }
  | { kind: 'writing'; plan: ImportPlan }
  | { kind: 'failed'; error: string };

let running: Promise<ImportPlan> | null = null;

/** Checks the link once per page load (React's strict mode runs effects twice); writes nothing. */
function checkFragment(fragment: string, password?: string): Promise<ImportPlan> {
  running ??= (async () => {
    // Decoding loads compression and import code: only a visit through a link needs them.
    const [{ decodeShareLink }, { prepareText }] = await Promise.all([
      import('../../share/shareLink'),
      import('./shareActions'),
    ]);
    return prepareText(await decodeShareLink(fragment, password));
  })().finally(() => {
    running = null;
  });
  return running;
}

const clearFragment = (): void => history.replaceState(null, '', `${location.pathname}${location.search}`);

/**
 * Opening a share link checks the project it holds (its signature included), says who signed it,
 * and imports a copy once the person chooses to open it; then the studio opens on it. The studio
 * itself starts only afterwards, so a first visit through a link does not also create the
 * example. A link pasted into an open studio reloads the page to take the same path.
 */
export function ShareLinkGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>(() =>
    !isShareFragment(location.hash)
      ? { kind: 'open' }
      : needsPassword(location.hash)
        ? { kind: 'password' }
        : { kind: 'checking' },
  );
  const [password, setPassword] = useState('');
  const [approveExtensions, setApproveExtensions] = useState(false);

  const failed = (error: unknown) => {
    const { message, hint } = describeError(error);
    return `${message} ${hint}`.trim();
  };

  const start = (withPassword?: string) => {
    const fragment = location.hash;
    setState({ kind: 'checking' });
    checkFragment(fragment, withPassword).then(
      (plan) => setState({ kind: 'confirm', plan }),
      (error: unknown) => {
        const text = failed(error);
        setState(
          needsPassword(fragment) && /password/.test(text)
            ? { kind: 'password', wrong: text }
            : { kind: 'failed', error: text },
        );
      },
    );
  };

  const open = (plan: ImportPlan) => {
    setState({ kind: 'writing', plan });
    const write = async () => {
      const { approveImportedExtensions, describeImport, writeImport } = await import('./shareActions');
      await writeImport(plan);
      if (approveExtensions) await approveImportedExtensions(plan);
      return describeImport(plan);
    };
    write().then(
      (described) => {
        notifyAbout(plan.projectId, 'info', described);
        rememberProject(plan.projectId);
        clearFragment();
        setState({ kind: 'open' });
      },
      (error: unknown) => setState({ kind: 'failed', error: failed(error) }),
    );
  };

  const trust = async (plan: ImportPlan, name: string) => {
    const signature = await trustSigner(plan.signature, name);
    setState({ kind: 'confirm', plan: { ...plan, signature } });
  };

  useEffect(() => {
    if (state.kind === 'checking') start();
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
        {state.kind === 'checking' && <p role="status">Checking the project in this link…</p>}
        {state.kind === 'writing' && <p role="status">Saving a copy of the project…</p>}
        {state.kind === 'confirm' && (
          <>
            <ImportPlanSummary
              plan={state.plan}
              onTrust={(name) => trust(state.plan, name)}
              approveExtensions={approveExtensions}
              onApproveExtensions={setApproveExtensions}
            />
            <button
              type="button"
              className="button primary"
              autoFocus={state.plan.signature.kind === 'this-studio' || state.plan.signature.kind === 'trusted'}
              onClick={() => open(state.plan)}
            >
              Open a copy
            </button>
          </>
        )}
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
        {state.kind !== 'checking' && state.kind !== 'writing' && (
          <button type="button" className="button" onClick={() => (clearFragment(), setState({ kind: 'open' }))}>
            Open the studio without it
          </button>
        )}
      </div>
    </main>
  );
}
