import { useCallback, useState } from 'react';
import { describeError } from '../../core/errors/studioError';
import { notifyAbout } from '../../app/uiStore';
import type { ImportPlan } from '../../share/prepareImport';
import { trustSigner } from '../../app/signing';
import type { Progress } from './shareActions';
import type { ForeignFile } from '../import/foreignImportActions';

// Reading and writing a project file loads its code on first use, not at startup.
const shareActions = () => import('./shareActions');
const foreignActions = () => import('../import/foreignImportActions');

export type ImportState =
  | { fileName: string; phase: 'progress'; stage: Parameters<Progress>[0]; done: number; total: number }
  | { fileName: string; phase: 'confirm'; plan: ImportPlan }
  /** Another tool's file (Rivet, n8n): its import report, before anything is written. */
  | { fileName: string; phase: 'report'; file: ForeignFile }
  | { fileName: string; phase: 'failed'; error: string };

const failed = (fileName: string, error: unknown): ImportState => {
  const { message, hint } = describeError(error);
  return { fileName, phase: 'failed', error: `${message} ${hint}`.trim() };
};

const progressInto =
  (setState: (state: ImportState) => void, fileName: string): Progress =>
  (stage, done, total) =>
    setState({ fileName, phase: 'progress', stage, done, total });

/**
 * One import at a time: check the file (writing nothing), show who signed it and what it holds,
 * and write it only once the person confirms. Cancel at the confirm step leaves no trace.
 */
export function useImporter(onImported: (projectId: string) => void) {
  const [state, setState] = useState<ImportState | null>(null);

  const start = useCallback(async (file: File) => {
    setState({ fileName: file.name, phase: 'progress', stage: 'reading', done: 0, total: 1 });
    try {
      const foreign = await (await foreignActions()).prepareForeignFile(file);
      if (foreign) return setState({ fileName: file.name, phase: 'report', file: foreign });
      const { prepareFile } = await shareActions();
      const plan = await prepareFile(file, progressInto(setState, file.name));
      setState({ fileName: file.name, phase: 'confirm', plan });
    } catch (error) {
      setState(failed(file.name, error));
    }
  }, []);

  const confirm = useCallback(
    async (fileName: string, plan: ImportPlan, approveExtensions: boolean) => {
      try {
        const { approveImportedExtensions, describeImport, writeImport } = await shareActions();
        await writeImport(plan, progressInto(setState, fileName));
        if (approveExtensions) await approveImportedExtensions(plan);
        setState(null);
        notifyAbout(plan.projectId, 'info', describeImport(plan));
        onImported(plan.projectId);
      } catch (error) {
        setState(failed(fileName, error));
      }
    },
    [onImported],
  );

  /** Imports another tool's file as a new project, its LLM models sent to `llmBaseUrl` when the person named one. */
  const confirmForeign = useCallback(
    async (fileName: string, file: ForeignFile, llmBaseUrl: string) => {
      try {
        const { convert } = await foreignActions();
        const { plan } =
          llmBaseUrl.trim() === '' ? file : await convert(fileName, file.text, file.fileSha256, llmBaseUrl.trim());
        const { writeImport } = await shareActions();
        await writeImport(plan, progressInto(setState, fileName));
        setState(null);
        notifyAbout(plan.projectId, 'info', `Imported “${plan.name}” from ${fileName}: ${file.report.summary}`);
        onImported(plan.projectId);
      } catch (error) {
        setState(failed(fileName, error));
      }
    },
    [onImported],
  );

  /** Trusts the file's signing key under a name; the verdict on screen is said again with it. */
  const trust = useCallback(async (fileName: string, plan: ImportPlan, name: string) => {
    const signature = await trustSigner(plan.signature, name);
    setState({ fileName, phase: 'confirm', plan: { ...plan, signature } });
  }, []);

  return { state, start, confirm, confirmForeign, trust, dismiss: () => setState(null) };
}
