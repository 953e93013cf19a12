import type { BusIndex, BusMessage } from './busIndex';
import type { StoredEvent } from '../events/storedEvent';
import type { RunId, StepId } from '../ids';
import type { PortType } from '../events/primitives';
import { compileListenFilter } from '../kinds/listen/listenFilter';
import type { ListenModel } from '../kinds/listen/listenSchema';

/** A listen step heard what it waited for: the conductor writes `bus.heard` and its output (hearDrafts.ts). */
export interface HearDecision {
  type: 'hear';
  runId: RunId;
  stepId: StepId;
  topic: string;
  /** The step's one output, and its type. */
  port: string;
  portType: PortType;
  /** The messages it takes, in log order (exactly `take` of them). */
  messages: BusMessage[];
  /** 1: the output is the message; more: the list of them. */
  take: number;
}

interface Listener {
  runId: RunId;
  stepId: StepId;
  model: ListenModel;
  passes(message: BusMessage): boolean;
  heard: BusMessage[];
}

const keyOf = (runId: RunId, stepId: StepId) => `${runId}\u0000${stepId}`;

/**
 * The listen steps that wait for messages, for the gap loop. A step starts listening when it is
 * due: it takes at once what its run already saw since it started (so a replay, which starts it
 * again, takes exactly the same messages), then each new message as it is folded. Cost grows with
 * the listeners on a message's topic, not with the log.
 */
export class ListenWatch {
  private readonly listeners = new Map<string, Listener>();
  private readonly byTopic = new Map<string, Set<string>>();

  constructor(private readonly index: () => BusIndex) {}

  /**
   * A listen step is due in a run that started at seq `since`: its decision now if what it waits
   * for is already there, a failure if its filter does not compile, or undefined while it waits.
   */
  start(
    runId: RunId,
    stepId: StepId,
    since: number,
    model: ListenModel,
  ): HearDecision | { failed: string } | undefined {
    const filter = compileListenFilter(model.filter);
    if (!filter.ok) return { failed: `${filter.message}.` };
    const listener: Listener = { runId, stepId, model, passes: (message) => filter.passes(message), heard: [] };
    const index = this.index();
    for (const message of index.read(runId, model.topic, since)) {
      if (!listener.passes(message)) continue;
      listener.heard.push(message);
      if (listener.heard.length === model.take) return this.decision(listener);
    }
    const key = keyOf(runId, stepId);
    this.listeners.set(key, listener);
    const onTopic = this.byTopic.get(model.topic);
    if (onTopic) onTopic.add(key);
    else this.byTopic.set(model.topic, new Set([key]));
    return undefined;
  }

  /** A message was folded: the decisions of the steps it completes. `sees` says whether a run sees it. */
  posted(
    event: Extract<StoredEvent, { type: 'bus.posted' }>,
    sees: (runId: RunId, message: BusMessage) => boolean,
  ): HearDecision[] {
    const keys = this.byTopic.get(event.data.topic);
    if (!keys || keys.size === 0) return [];
    const message: BusMessage = { seq: event.seq, ts: event.ts, runId: event.runId as RunId, ...event.data };
    const decisions: HearDecision[] = [];
    for (const key of [...keys]) {
      const listener = this.listeners.get(key);
      if (!listener || !sees(listener.runId, message) || !listener.passes(message)) continue;
      listener.heard.push(message);
      if (listener.heard.length < listener.model.take) continue;
      this.stop(key);
      decisions.push(this.decision(listener));
    }
    return decisions;
  }

  /** Whether a step of a run is listening. */
  isListening(runId: RunId, stepId: StepId): boolean {
    return this.listeners.has(keyOf(runId, stepId));
  }

  /** The run finished or was interrupted: its steps listen no more (a resume starts them again). */
  forget(runId: RunId): void {
    for (const [key, listener] of this.listeners) if (listener.runId === runId) this.stop(key);
  }

  private stop(key: string): void {
    const listener = this.listeners.get(key);
    if (!listener) return;
    this.listeners.delete(key);
    this.byTopic.get(listener.model.topic)?.delete(key);
  }

  private decision(listener: Listener): HearDecision {
    const output = listener.model.outputs[0] ?? { name: 'message', type: 'json' as const };
    return {
      type: 'hear',
      runId: listener.runId,
      stepId: listener.stepId,
      topic: listener.model.topic,
      port: output.name,
      portType: output.type,
      messages: listener.heard.slice(0, listener.model.take),
      take: listener.model.take,
    };
  }
}
