import type { EventOfType } from '../../events/storedEvent';
import type { ModelDefinition } from '../../models/modelDefinition';
import type { AgentId, GapId } from '../../ids';

/** An intent gap that is open, as the log says (folded by IntentGaps.observe). */
export interface OpenGap {
  gapId: GapId;
  key: string;
  intentId: string;
  depth: number;
  scope: string[];
  openedSeq: number;
  agentsSent: number;
  inFlight: AgentId | null;
  lastAgentAt?: number;
  promoted: boolean;
  budgetTripped: boolean;
  /** Sent to a person (a breaker, or an agent that asked for one): no agent goes until they answer. */
  withPerson: boolean;
}

/** Why a gap waited for another agent whose scope overlapped: the strategy of its next agent says so. */
export interface GapWait {
  agentId: AgentId;
  reason: string;
}

export type Spawned = EventOfType<'intentAgent.spawned'>;

/** What the conductor lends the intent engine: time, free agent slots and models. It appends what the engine decides. */
export interface IntentHost {
  /** Real time from the Clock port; the engine adds the virtual offset. */
  clockNow(): number;
  freeSlots(): number;
  /** No run is going: the work the log started has settled, unless intent agents are still out. */
  runsIdle(): boolean;
  modelNamed(name: string): ModelDefinition | undefined;
  newId(prefix: string): string;
  newSeed(): number;
}
