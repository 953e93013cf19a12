import type { EventDraft } from '../core/events/eventMap';
import type { ModelCompiler } from '../core/conductor/ports';
import { exampleFlowEvents } from './exampleFlowEvents';
import { parseIntents } from '../core/intents/parseIntents';
import { CHURN_INTENTS, churnLayout, churnModels } from './churnExample';

/** The churn example's events: its models, the flow “Churn watch” and the intents document. */
export function churnTemplateEvents(compile: ModelCompiler, newId: (prefix: string) => string): EventDraft[] {
  const drafts = exampleFlowEvents(
    { models: churnModels, layout: churnLayout, flowName: 'Churn watch' },
    compile,
    newId,
  );
  const parsed = parseIntents(CHURN_INTENTS, { modelNames: new Set(churnModels.map((m) => m.name)) });
  if (!parsed.ok) throw new Error(`The example's intents are not valid: ${parsed.issues[0]?.message ?? ''}`);
  drafts.push({ type: 'intents.saved', data: { source: CHURN_INTENTS, document: parsed.document } });
  return drafts;
}
