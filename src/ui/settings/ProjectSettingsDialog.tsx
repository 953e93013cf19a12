import { useShallow } from 'zustand/react/shallow';
import { useState } from 'react';
import { useProjectView } from '../../app/useProjectSession';
import { Dialog } from '../share/Dialog';
import { useCommand } from '../useCommand';
import '../share/share.css';

/**
 * Project ▾ → Settings…: how this project behaves. Saved as a `settings.saved` event, so the
 * settings travel with the project (exports, links) and are part of its history.
 */
export function ProjectSettingsDialog({ onClose }: { onClose: () => void }) {
  const { settings, leads } = useProjectView(
    useShallow((v) => ({ settings: v.defs.settings, leads: v.role === 'leader' })),
  );
  const execute = useCommand();
  const [autoContinue, setAutoContinue] = useState(settings.autoContinue);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    const result = await execute({ type: 'saveSettings', autoContinue });
    setSaving(false);
    if (result.ok) onClose();
  };

  return (
    <Dialog title="Project settings" onClose={onClose}>
      <fieldset className="share-choices" disabled={saving || !leads}>
        <legend>Runs</legend>
        <label>
          <input
            type="checkbox"
            checked={autoContinue}
            onChange={(e) => setAutoContinue(e.target.checked)}
            aria-describedby="auto-continue-help"
          />
          <span>
            <strong>Continue interrupted runs automatically</strong>
            <br />
            <span id="auto-continue-help" className="muted">
              When the tab running a run is closed, the tab that takes over (or the studio, when you open it again) goes
              on with the run by itself, running only what had not finished. Off: the run is marked interrupted and
              waits for you to press Resume.
            </span>
          </span>
        </label>
      </fieldset>
      {!leads && (
        <p className="muted" role="note">
          Another tab is running this project: change its settings there.
        </p>
      )}
      <div className="share-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button primary" disabled={saving || !leads} onClick={() => void save()}>
          Save
        </button>
      </div>
    </Dialog>
  );
}
