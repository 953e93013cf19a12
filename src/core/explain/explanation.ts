import { describeDuration } from '../text/describeDuration';
/** One sentence of an explanation, and the event it is about (the timeline can go there). */
export interface ExplanationLine {
  seq: number;
  text: string;
}

/**
 * A short causal chain, oldest cause first, built from the log alone (never by a model).
 * `wants`: artifacts it would have read to say more (say, which checks failed); the caller may
 * load them and explain again with their values.
 */
export interface Explanation {
  title: string;
  lines: ExplanationLine[];
  /** The event that was asked about, when one was. */
  focusSeq?: number;
  wants: string[];
}

/** What can be explained: a step of a run, any event (by seq), an agent, or a gap. */
export type ExplainTarget =
  | { kind: 'step'; runId: string; stepId: string }
  | { kind: 'event'; seq: number }
  | { kind: 'agent'; agentId: string }
  | { kind: 'gap'; gapId: string };

/** An artifact's value by hash, for the few the caller has loaded (small JSON results). */
export type ArtifactValues = (hash: string) => unknown;

/** Collects lines in any order and hands them back in log order, each sentence once. */
export class ChainBuilder {
  private readonly lines: ExplanationLine[] = [];
  private readonly seen = new Set<string>();
  readonly wants = new Set<string>();

  add(seq: number, text: string): void {
    const key = `${seq}\u0000${text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.lines.push({ seq, text });
  }

  /** Causes come before effects in the log, so log order reads as a causal chain. */
  build(): ExplanationLine[] {
    return this.lines
      .map((line, i) => ({ line, i }))
      .sort((a, b) => a.line.seq - b.line.seq || a.i - b.i)
      .map((x) => x.line);
  }
}

export const quote = (text: string): string => `“${text}”`;

/** "12 ms", "1.5 s", "48 h": durations in a sentence. */
export const sayMs = describeDuration;
