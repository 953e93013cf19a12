import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../events/storedEvent';
import { emptyIntentsView, foldIntentsView, waitingInboxItems } from './intentsView';

const ev = (seq: number, type: string, data: unknown) => ({ seq, ts: seq, type, data }) as unknown as StoredEvent;

describe('the intents view', () => {
  it('follows a gap from open to healed, with its agent, and marks its steps only while open', () => {
    const events = [
      ev(1, 'fact.recorded', {
        factId: 'f1',
        fact: 'risk.assessed',
        subject: 'acme',
        data: { risk: 0.9 },
        by: { kind: 'step', runId: 'r', stepId: 's_assess' },
        depth: 0,
      }),
      ev(2, 'intentGap.opened', {
        gapId: 'g1',
        kind: 'reaction',
        intentId: 'notify',
        key: 'notify#1',
        summary: 'x',
        causeSeqs: [1],
        depth: 0,
        scope: [],
        stepIds: ['s_assess'],
        at: 2,
      }),
      ev(3, 'intentAgent.spawned', {
        agentId: 'a1',
        gapId: 'g1',
        intentId: 'notify',
        strategy: { name: 'alone', why: 'w' },
        budget: { cost: 2, deadlineMs: 1 },
        at: 3,
      }),
    ];
    const open = events.reduce(foldIntentsView, emptyIntentsView);
    expect(open.openStepIds).toEqual(new Set(['s_assess']));
    expect(open.facts.get(1)?.by).toBe('step s_assess');
    expect(open.agentsWorking).toBe(1);
    const closed = [
      ev(4, 'intentAgent.resolved', { agentId: 'a1', gapId: 'g1', outcome: 'promoted' }),
      ev(5, 'intentAgent.died', { agentId: 'a1', gapId: 'g1', at: 5 }),
      ev(6, 'intentGap.closed', { gapId: 'g1', resolution: 'healed' }),
    ].reduce(foldIntentsView, open);
    expect(closed.gaps.get('g1')).toMatchObject({
      status: 'healed',
      agents: [{ agentId: 'a1', outcome: 'promoted', strategy: 'alone' }],
    });
    expect(closed.openStepIds.size).toBe(0);
    expect(closed.agentsWorking).toBe(0);
    expect(emptyIntentsView.gaps.size).toBe(0);
  });

  it('folds a long history in linear time: 200,000 facts and 20,000 gaps', () => {
    const events: StoredEvent[] = [];
    for (let i = 0; i < 200_000; i++)
      events.push(
        ev(i, 'fact.recorded', {
          factId: `f${i}`,
          fact: 'a.b',
          subject: 's',
          data: {},
          by: { kind: 'person' },
          depth: 0,
        }),
      );
    for (let i = 0; i < 20_000; i++) {
      events.push(
        ev(200_000 + 2 * i, 'intentGap.opened', {
          gapId: `g${i}`,
          kind: 'intent',
          intentId: 'i',
          key: `k${i}`,
          summary: '',
          causeSeqs: [],
          depth: 0,
          scope: [],
          stepIds: [],
          at: 0,
        }),
      );
      events.push(ev(200_001 + 2 * i, 'intentGap.closed', { gapId: `g${i}`, resolution: 'satisfied' }));
    }
    const view = events.reduce(foldIntentsView, emptyIntentsView);
    expect(view.facts.size).toBe(200_000);
    expect(view.openGapIds.size).toBe(0);
  });

  it('keeps a gap sent to a person waiting in the inbox until answered; a spent budget only makes it wait', () => {
    const opened = (seq: number, gapId: string) =>
      ev(seq, 'intentGap.opened', {
        gapId,
        kind: 'temporal',
        intentId: 'follow-up',
        key: gapId,
        summary: 'due',
        causeSeqs: [],
        depth: 0,
        scope: [],
        stepIds: [],
        at: seq,
      });
    const view = [
      opened(1, 'g1'),
      ev(2, 'breaker.tripped', { breaker: 'no-model', gapId: 'g1', intentId: 'follow-up', detail: 'no model' }),
      ev(3, 'inbox.added', { itemId: 'i1', gapId: 'g1', intentId: 'follow-up', source: 'breaker', reason: 'no model' }),
      opened(4, 'g2'),
      ev(5, 'breaker.tripped', { breaker: 'budget', gapId: 'g2', intentId: 'follow-up', detail: 'spent' }),
      ev(6, 'inbox.added', { itemId: 'i2', gapId: 'g2', intentId: 'follow-up', source: 'breaker', reason: 'spent' }),
    ].reduce(foldIntentsView, emptyIntentsView);
    expect(waitingInboxItems(view).map((i) => [i.itemId, i.breaker])).toEqual([['i1', 'no-model']]);
    expect(view.gaps.get('g1')).toMatchObject({ status: 'open', withPerson: 'i1' });
    const dismissed = [
      ev(7, 'inbox.answered', { itemId: 'i1', gapId: 'g1', decision: 'dismiss', notes: 'fine' }),
      ev(8, 'intentGap.closed', { gapId: 'g1', resolution: 'dismissed' }),
    ].reduce(foldIntentsView, view);
    expect(waitingInboxItems(dismissed)).toEqual([]);
    expect(dismissed.gaps.get('g1')?.status).toBe('dismissed');
    expect(dismissed.inboxAnswers.get('i1')).toMatchObject({ decision: 'dismiss', notes: 'fine' });
  });
});
