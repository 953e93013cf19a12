import { useCallback, useState } from 'react';
import { describeError } from '../../core/errors/studioError';
import { notify } from '../../app/uiStore';
import { describeImport, importFile, type Progress } from './shareActions';

export interface ImportState {
  fileName: string;
  stage: Parameters<Progress>[0];
  done: number;
  total: number;
  error?: string;
}

/** One import at a time: its progress, its error in words, and the new project's id when done. */
export function useImporter(onImported: (projectId: string) => void) {
  const [state, setState] = useState<ImportState | null>(null);
  const start = useCallback(
    async (file: File) => {
      setState({ fileName: file.name, stage: 'reading', done: 0, total: 1 });
      try {
        const plan = await importFile(file, (stage, done, total) => setState({ fileName: file.name, stage, done, total }));
        setState(null);
        notify('info', describeImport(plan));
        onImported(plan.projectId);
      } catch (error) {
        const { message, hint } = describeError(error);
        setState({ fileName: file.name, stage: 'checking', done: 0, total: 1, error: `${message} ${hint}`.trim() });
      }
    },
    [onImported],
  );
  return { state, start, dismiss: () => setState(null) };
}
