import { useEffect, useRef, useState } from 'react';
import type { ProjectRecord } from '../../app/projectsIndex';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { ImportDropZone } from './ImportDropZone';
import { ShareDialog } from './ShareDialog';
import { SigningKeysDialog } from './SigningKeysDialog';
import { StorageDialog } from './StorageDialog';
import { useImporter } from './useImporter';
import { ApiKeysDialog } from '../settings/ApiKeysDialog';
import { ProjectSettingsDialog } from '../settings/ProjectSettingsDialog';
import { ExtensionsDialog } from '../extensions/ExtensionsDialog';
import { useStudioRequest } from '../commands/studioRequests';
import './share.css';

type Open = 'export' | 'share' | 'storage' | 'keys' | 'signing' | 'settings' | 'extensions' | null;

/** Project ▾: Export…, Import…, Share link…, Extensions…, Storage, API keys…, Signing keys…, Settings…. Imports (picked or dropped) open as new projects once confirmed. */
export function ProjectMenu({ projectId, projects, onOpenProject }: { projectId: string; projects: ProjectRecord[]; onOpenProject: (projectId: string) => void }) {
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
      <button type="button" className="button ghost" aria-haspopup="menu" aria-expanded={menuOpen} onClick={() => setMenuOpen((o) => !o)}>
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
        accept=".json,application/json"
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
        />
      )}
    </div>
  );
}
