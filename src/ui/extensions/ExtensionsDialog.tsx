import { useShallow } from 'zustand/react/shallow';
import { useEffect, useRef, useState } from 'react';
import { useApprovedExtensions } from '../../app/extensionGrants';
import { useProjectView } from '../../app/useProjectSession';
import { parseExtensionPackage, type ExtensionPackage } from '../../core/extensions/extensionPackage';
import { sha256 } from '../../runtime/sha256';
import { Dialog } from '../share/Dialog';
import { ExtensionCard } from './ExtensionCard';
import { InstallConfirm, InstallRefused } from './InstallConfirm';
import { sentenceOf, useExtensionCommands, type Outcome } from './useExtensionCommands';
import './extensions.css';

type Step =
  | { phase: 'list' }
  | { phase: 'confirm'; fileName: string; text: string; pkg: ExtensionPackage }
  | { phase: 'refused'; fileName: string; problems: string[] };
/** A removal the conductor refused because steps use the extension: its sentence, until the person confirms or keeps it. */
type Removing = { extensionId: string; name: string; message: string };

/**
 * Project ▾ → Extensions…: the project's extensions (what each provides and asks for, and whether
 * this browser approved it), enabling, disabling and removing them, and installing one from a
 * file, picked or dropped. A file is checked in the page first, so a malformed one shows its
 * problems and changes nothing; the conductor checks it again before it writes.
 */
export function ExtensionsDialog({ onClose }: { onClose: () => void }) {
  const { installed, leads } = useProjectView(
    useShallow((v) => ({ installed: v.defs.extensions, leads: v.role === 'leader' })),
  );
  const extensions = [...installed.values()];
  const approved = useApprovedExtensions(extensions.map((e) => e.hash));
  const { busy, send } = useExtensionCommands();
  const [step, setStep] = useState<Step>({ phase: 'list' });
  const [removing, setRemoving] = useState<Removing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const installButton = useRef<HTMLButtonElement>(null);
  const backFromInstall = useRef(false);

  // Back from the install step (installed, cancelled or refused), focus rests where it started.
  useEffect(() => {
    if (step.phase !== 'list') backFromInstall.current = true;
    else if (backFromInstall.current) installButton.current?.focus();
  }, [step.phase]);

  const say = (outcome: Outcome, done: string): boolean => {
    setError(outcome.ok ? null : sentenceOf(outcome.error));
    setNotice(outcome.ok ? done : null);
    return outcome.ok;
  };

  const read = async (file: File) => {
    setError(null);
    setNotice(null);
    setRemoving(null);
    const text = await file.text();
    const verdict = await parseExtensionPackage(text, sha256);
    setStep(
      verdict.ok
        ? { phase: 'confirm', fileName: file.name, text, pkg: verdict.pkg }
        : { phase: 'refused', fileName: file.name, problems: verdict.problems },
    );
  };
  const install = async (text: string, pkg: ExtensionPackage) => {
    const outcome = await send({ type: 'installExtension', file: text, approve: true });
    if (say(outcome, `Installed “${pkg.manifest.name}” ${pkg.manifest.version}; its kinds are in New model ▾.`))
      setStep({ phase: 'list' });
  };
  const remove = async (extensionId: string, name: string, confirm: boolean) => {
    const outcome = await send({ type: 'removeExtension', extensionId, confirm });
    // Refused because steps use it: the sentence names them, and only “Remove anyway” goes on.
    const inUse = !confirm && !outcome.ok && outcome.error.code === 'invalid-command';
    setRemoving(inUse && !outcome.ok ? { extensionId, name, message: sentenceOf(outcome.error) } : null);
    if (inUse) return void (setError(null), setNotice(null));
    say(outcome, `Removed “${name}”.`);
  };

  return (
    <Dialog title="Extensions" onClose={onClose} onDropFile={(file) => void read(file)}>
      {step.phase === 'confirm' && (
        <InstallConfirm
          fileName={step.fileName}
          pkg={step.pkg}
          busy={busy || !leads}
          onInstall={() => void install(step.text, step.pkg)}
          onCancel={() => setStep({ phase: 'list' })}
        />
      )}
      {step.phase === 'refused' && (
        <InstallRefused fileName={step.fileName} problems={step.problems} onBack={() => setStep({ phase: 'list' })} />
      )}
      {step.phase === 'list' && (
        <>
          <p className="muted">
            Extensions add model kinds to New model ▾. Their code runs in the sandbox and may do only what it asks for,
            once you approve it in this browser.
          </p>
          {extensions.length === 0 ? (
            <p className="extensions-empty">
              No extensions yet. Install one from a file — two samples ship in examples/extensions/.
            </p>
          ) : (
            <ul className="extensions-list" aria-label="Installed extensions">
              {extensions.map((extension) => (
                <li key={extension.extensionId}>
                  <ExtensionCard
                    extension={extension}
                    approved={approved?.has(extension.hash) ?? true}
                    busy={busy || !leads}
                    onApprove={() =>
                      void send({ type: 'approveExtension', extensionId: extension.extensionId }).then((o) =>
                        say(o, `Approved “${extension.name}” in this browser.`),
                      )
                    }
                    onSetEnabled={(enabled) =>
                      void send({ type: 'setExtensionEnabled', extensionId: extension.extensionId, enabled }).then(
                        (o) => say(o, `${enabled ? 'Enabled' : 'Disabled'} “${extension.name}”.`),
                      )
                    }
                    onRemove={() => void remove(extension.extensionId, extension.name, false)}
                  />
                  {removing?.extensionId === extension.extensionId && (
                    <div className="extension-remove" role="alertdialog" aria-label={`Remove ${extension.name}?`}>
                      <p>{removing.message}</p>
                      <div className="share-actions">
                        <button type="button" className="button small" autoFocus onClick={() => setRemoving(null)}>
                          Keep it
                        </button>
                        <button
                          type="button"
                          className="button small danger"
                          disabled={busy}
                          onClick={() => void remove(extension.extensionId, extension.name, true)}
                        >
                          Remove anyway
                        </button>
                      </div>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {!leads && (
            <p className="muted" role="note">
              Another tab is running this project: change its extensions there.
            </p>
          )}
          <div className="share-actions">
            <span className="extensions-drop muted">or drop a .conductor-extension.json file here</span>
            <button
              ref={installButton}
              type="button"
              className="button"
              disabled={!leads}
              onClick={() => fileInput.current?.click()}
            >
              Install from file…
            </button>
            <button type="button" className="button primary" onClick={onClose}>
              Done
            </button>
          </div>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Extension file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void read(file);
            }}
          />
        </>
      )}
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="share-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
