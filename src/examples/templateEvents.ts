import type { EventDraft } from '../core/events/eventMap';
import type { ModelCompiler } from '../core/conductor/ports';
import type { FlowId } from '../core/ids';
import { exampleFlowEvents } from './exampleFlowEvents';
import type { ProjectTemplate } from '../protocol/conductorApi';
import { softwarePipelineLayout, softwarePipelineModels } from './softwarePipelineModels';
import { churnTemplateEvents } from './churnTemplate';
import { ventureTemplateEvents } from './ventureTemplate';
import { checksTemplateEvents } from './checksTemplate';
import { questTemplateEvents } from './questTemplate';

/**
 * The events that fill a new project from a template. They are appended together with
 * project.created in one transaction, so a project is never half made, even if the tab closes.
 */
export function templateEvents(
  template: ProjectTemplate,
  compile: ModelCompiler,
  newId: (prefix: string) => string,
): EventDraft[] {
  if (template === 'empty')
    return [{ type: 'flow.created', data: { flowId: newId('flow') as FlowId, name: 'Main flow' } }];
  if (template === 'churn') return churnTemplateEvents(compile, newId);
  if (template === 'venture') return ventureTemplateEvents(compile, newId);
  if (template === 'checks') return checksTemplateEvents(compile, newId);
  if (template === 'quest') return questTemplateEvents(newId);
  return exampleFlowEvents(
    { models: softwarePipelineModels, layout: softwarePipelineLayout, flowName: 'Software pipeline' },
    compile,
    newId,
  );
}
