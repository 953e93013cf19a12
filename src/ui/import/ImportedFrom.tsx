import { useProjectView } from '../../app/useProjectSession';
import './importedFrom.css';

const FORMAT = { rivet: 'Rivet', n8n: 'n8n' } as const;

/** In the step inspector: the node of another tool's file this step was imported from, if it was. */
export function ImportedFrom({ stepId }: { stepId: string }) {
  const source = useProjectView((v) => v.imports?.sourceOfStep.get(stepId));
  const file = useProjectView((v) => v.imports?.file ?? null);
  if (!source) return null;
  return (
    <>
      <dt>Imported from</dt>
      <dd data-testid="imported-from">
        {FORMAT[source.format]} node “{source.name}” (<code>{source.type}</code>){file ? ` in ${file.fileName}` : ''}
      </dd>
    </>
  );
}
