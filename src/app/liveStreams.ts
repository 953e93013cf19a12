import { create } from 'zustand';

/**
 * Text streaming in from LLM calls that have not finished: agentId → the text so far. Ephemeral
 * by design (it is not in the log); the finished artifact is. Fed by the conductor's broadcasts.
 */
export const useLiveStreams = create<{ byAgent: Readonly<Record<string, string>> }>(() => ({ byAgent: {} }));

export function setLiveText(agentId: string, text: string | null): void {
  useLiveStreams.setState((s) => {
    const next = { ...s.byAgent };
    if (text === null) delete next[agentId];
    else next[agentId] = text;
    return { byAgent: next };
  });
}

/** Forgets the text of agents that will never finish (they died with the tab that ran them). */
export function dropLiveText(agentIds: Iterable<string>): void {
  const gone = [...agentIds].filter((id) => id in useLiveStreams.getState().byAgent);
  if (gone.length === 0) return;
  useLiveStreams.setState((s) => {
    const next = { ...s.byAgent };
    for (const id of gone) delete next[id];
    return { byAgent: next };
  });
}

/**
 * Forgets all of it: when this tab becomes the leader, whatever was streaming came from the tab
 * that went away. This tab's own agents resend their whole text so far with every chunk.
 */
export function clearLiveText(): void {
  useLiveStreams.setState({ byAgent: {} });
}
