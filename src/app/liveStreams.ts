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
