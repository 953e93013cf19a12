import { useState } from 'react';
import { PanelHeader } from '../shell/PanelHeader';
import { useDefinitions, useProjectView } from '../../app/useProjectSession';
import { breakersOf } from '../../core/intents/intentSchema';
import { emptyIntentsView, type GapView, type InboxItem, type IntentsView } from '../../core/intents/intentsView';
import { uiStore } from '../../app/uiStore';
import type { FlowDefinition } from '../../core/project/projectState';
import { FactForms } from './FactForms';
import '../intents/intents.css';

const HOUR = 3_600_000;
const statusText: Record<GapView['status'], string> = {
  open: 'open',
  healed: 'closed: healed by an agent',
  satisfied: 'closed: satisfied',
  escalated: 'closed: sent to a person',
  withdrawn: 'closed: intent changed',
  dismissed: 'closed: dismissed by a person',
};

const ANSWER_TEXT = { retry: 'a person sent agents again', dismiss: 'a person dismissed it' } as const;

/** Where a gap sent to a person stands: waiting in the Inbox (answered there), or how it was answered. */
function InboxItemState({ item, intents }: { item: InboxItem; intents: IntentsView }) {
  const answer = intents.inboxAnswers.get(item.itemId);
  if (answer)
    return (
      <span className="muted">
        {' '}
        — {ANSWER_TEXT[answer.decision]}
        {answer.notes ? `: “${answer.notes}”` : ''}
      </span>
    );
  if (intents.gaps.get(item.gapId)?.withPerson === item.itemId) {
    return (
      <>
        {' '}
        <button type="button" className="button small" onClick={() => uiStore.setState({ panel: 'inbox' })}>
          Answer in the Inbox
        </button>
      </>
    );
  }
  return null;
}

function Meters({ intents }: { intents: IntentsView }) {
  const b = breakersOf(intents.document);
  const now = intents.lastSeenAt;
  const spent = intents.spending.filter((s) => s.at > now - HOUR).reduce((sum, s) => sum + s.cost, 0);
  return (
    <section aria-label="Breakers and budget">
      <h3>Breakers and budget</h3>
      <dl className="meters">
        <dt>Agents working</dt>
        <dd>
          {intents.agentsWorking} of {b.maxConcurrentAgents}
        </dd>
        <dt>Budget this hour</dt>
        <dd>
          <meter aria-label="Budget spent this hour" min={0} max={b.budgetPerHour} value={spent} /> {spent} of{' '}
          {b.budgetPerHour}
        </dd>
        <dt>Depth limit</dt>
        <dd>{b.maxDepth}</dd>
        <dt>Agents per gap</dt>
        <dd>{b.maxAgentsPerGap}</dd>
        <dt>Cooldown per gap</dt>
        <dd>{b.cooldownMs / 1000} s</dd>
        <dt>Tripped</dt>
        <dd>{intents.trips.length === 0 ? 'none' : intents.trips.map((t) => `${t.breaker} (#${t.seq})`).join(', ')}</dd>
      </dl>
    </section>
  );
}

function GapItem({ gap, intents }: { gap: GapView; intents: IntentsView }) {
  const defs = useDefinitions();
  const stepLabel = (stepId: string) =>
    [...defs.flows.values()].find((f) => f.steps.has(stepId as never))?.steps.get(stepId as never)?.label ?? stepId;
  const [shown, setShown] = useState<number | null>(null);
  const fact = shown !== null ? intents.facts.get(shown) : undefined;
  return (
    <li
      className={`gap-item ${gap.status === 'open' ? 'is-open' : ''}`}
      aria-label={`${gap.kind} gap for ${gap.intentId}`}
    >
      <header>
        <span className="gap-kind">{gap.kind}</span>
        <strong>{gap.intentId}</strong>
        <span className="gap-status" aria-label="gap status">
          {gap.withPerson !== undefined ? 'open: waiting for you in the Inbox' : statusText[gap.status]}
        </span>
      </header>
      <div>{gap.summary}</div>
      {gap.causeSeqs.length > 0 && (
        <div className="gap-causes">
          Cause:{' '}
          {gap.causeSeqs.slice(0, 12).map((seq) => (
            <button
              key={seq}
              type="button"
              className="button small ghost"
              aria-pressed={shown === seq}
              onClick={() => setShown(shown === seq ? null : seq)}
            >
              event #{seq}
            </button>
          ))}
        </div>
      )}
      {shown !== null && (
        <pre className="gap-fact" aria-label={`Event #${shown}`}>
          {fact
            ? `${fact.fact} · ${fact.subject || '(no subject)'} · by ${fact.byStepId !== undefined ? `step “${stepLabel(fact.byStepId)}”` : fact.by}\n${JSON.stringify(fact.data, null, 2)}`
            : `Event #${shown} is not a fact.`}
        </pre>
      )}
      {gap.agents.length > 0 && (
        <ul className="inbox-list" aria-label="Agents sent">
          {gap.agents.map((a) => (
            <li key={a.agentId} title={a.why}>
              {a.agentId} ({a.strategy}): {a.outcome ?? 'working…'}
              {a.reason ? ` — ${a.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** Gaps live: open and closed, their causes, the agents sent and what came of them; breakers, budget, inbox, clock. */
export function GapsPanel({ flow }: { flow: FlowDefinition }) {
  const intents = useProjectView((v) => v.intents ?? emptyIntentsView);
  const gaps = [...intents.gaps.values()].reverse();
  const open = gaps.filter((g) => g.status === 'open');
  return (
    <aside className="inspector gaps-panel" aria-label="Gaps">
      <PanelHeader title="Gaps" />
      <FactForms flow={flow} intents={intents} />
      <section aria-label="Gap list">
        <h3>
          {open.length} open, {gaps.length - open.length} closed
        </h3>
        {gaps.length === 0 ? (
          <p className="muted">No gaps yet. A gap appears when the log falls short of an intent.</p>
        ) : (
          <ul className="gap-list">
            {gaps.map((g) => (
              <GapItem key={g.gapId} gap={g} intents={intents} />
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Inbox">
        <h3>Inbox ({intents.inbox.length})</h3>
        {intents.inbox.length === 0 ? (
          <p className="muted">Nothing needs a person.</p>
        ) : (
          <ul className="inbox-list">
            {[...intents.inbox].reverse().map((item) => (
              <li key={item.itemId}>
                <strong>{item.intentId}</strong> ({item.source === 'agent' ? 'an agent asked' : 'a breaker tripped'}):{' '}
                {item.reason}
                <InboxItemState item={item} intents={intents} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <Meters intents={intents} />
    </aside>
  );
}
