import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { ProjectRecord } from '../../app/projectsIndex';
import { ImportDropZone } from './ImportDropZone';
import { useImporter } from './useImporter';
import { useStudioRequest } from '../commands/studioRequests';
import './share.css';

// The dialogs load when first opened: none is needed to start the studio.
const ExportDialog = lazy(() => import('./ExportDialog').then((m) => ({ default: m.ExportDialog })));
const ShareDialog = lazy(() => import('./ShareDialog').then((m) => ({ default: m.ShareDialog })));
const SigningKeysDialog = lazy(() => import('./SigningKeysDialog').then((m) => ({ default: m.SigningKeysDialog })));
const StorageDialog = lazy(() => import('./StorageDialog').then((m) => ({ default: m.StorageDialog })));
const ApiKeysDialog = lazy(() => import('../settings/ApiKeysDialog').then((m) => ({ default: m.ApiKeysDialog })));
const ProjectSettingsDialog = lazy(() =>
  import('../settings/ProjectSettingsDialog').then((m) => ({ default: m.ProjectSettingsDialog })),
);
const ExtensionsDialog = lazy(() =>
  import('../extensions/ExtensionsDialog').then((m) => ({ default: m.ExtensionsDialog })),
);
const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

type Open = 'export' | 'share' | 'storage' | 'keys' | 'signing' | 'settings' | 'extensions' | null;

/** Project ▾: Export…, Import…, Share link…, Extensions…, Storage, API keys…, Signing keys…, Settings…. Imports (picked or dropped) open as new projects once confirmed. */
export function ProjectMenu({
  projectId,
  projects,
  onOpenProject,
}: {
  projectId: string;
  projects: ProjectRecord[];
  onOpenProject: (projectId: string) => void;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  const [dialog, setDialog] = useState<Open>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const firstItem = useRef<HTMLButtonElement>(null);
  const importer = useImporter(setOpening);

  // The new project opens once the projects list (a live query) has it.
  useEffect(() => {
    if (opening && projects.some((p) => p.projectId === opening)) {
      setOpening(null);
      onOpenProject(opening);
    }
  }, [opening, projects, onOpenProject]);

  useEffect(() => {
    if (menuOpen) firstItem.current?.focus();
  }, [menuOpen]);

  const choose = (next: Open | 'import') => {
    setMenuOpen(false);
    if (next === 'import') fileInput.current?.click();
    else setDialog(next);
  };
  // The command palette offers the same items.
  useStudioRequest('projectMenu', choose);

  return (
    <div className="topbar__menu" onKeyDown={(e) => e.key === 'Escape' && menuOpen && setMenuOpen(false)}>
      <button
        type="button"
        className="button ghost"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        onClick={() => setMenuOpen((o) => !o)}
      >
        Project ▾
      </button>
      {menuOpen && (
        <div className="menu" role="menu" aria-label="Project">
          <button ref={firstItem} type="button" role="menuitem" onClick={() => choose('export')}>
            Export…
          </button>
          <button type="button" role="menuitem" onClick={() => choose('import')}>
            Import…
          </button>
          <button type="button" role="menuitem" onClick={() => choose('share')}>
            Share link…
          </button>
          <button type="button" role="menuitem" onClick={() => choose('extensions')}>
            Extensions…
          </button>
          <button type="button" role="menuitem" onClick={() => choose('storage')}>
            Storage
          </button>
          <button type="button" role="menuitem" onClick={() => choose('keys')}>
            API keys…
          </button>
          <button type="button" role="menuitem" onClick={() => choose('signing')}>
            Signing keys…
          </button>
          <button type="button" role="menuitem" onClick={() => choose('settings')}>
            Settings…
          </button>
        </div>
      )}
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json,.rivet-project,.rivet-graph"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Import a project file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importer.start(file);
        }}
      />
      <ImportDropZone onFile={(file) => void importer.start(file)} />
      <Suspense fallback={null}>
        {dialog === 'export' && <ExportDialog projectId={projectId} onClose={() => setDialog(null)} />}
        {dialog === 'share' && <ShareDialog projectId={projectId} onClose={() => setDialog(null)} />}
        {dialog === 'storage' && <StorageDialog onClose={() => setDialog(null)} />}
        {dialog === 'keys' && <ApiKeysDialog onClose={() => setDialog(null)} />}
        {dialog === 'signing' && <SigningKeysDialog onClose={() => setDialog(null)} />}
        {dialog === 'settings' && <ProjectSettingsDialog onClose={() => setDialog(null)} />}
        {dialog === 'extensions' && <ExtensionsDialog onClose={() => setDialog(null)} />}
        {importer.state && (
          <ImportDialog
            state={importer.state}
            onClose={importer.dismiss}
            onPickAnother={() => (importer.dismiss(), fileInput.current?.click())}
            onConfirm={(fileName, plan, approve) => void importer.confirm(fileName, plan, approve)}
            onTrust={importer.trust}
            onConfirmForeign={(fileName, file, llmBaseUrl) => void importer.confirmForeign(fileName, file, llmBaseUrl)}
          />
        )}
      </Suspense>
    </div>
  );
}
