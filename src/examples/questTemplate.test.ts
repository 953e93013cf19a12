import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../core/events/storedEvent';
import { counterIds } from '../core/ids';
import { foldAllDefinitions } from '../core/project/projectState';
import { BUILTIN_LEVELS } from '../core/quest/builtinLevels';
import { levelFlowName } from '../core/quest/questProgress';
import { questTemplateEvents } from './questTemplate';

const first = BUILTIN_LEVELS[0];
if (!first) throw new Error('levels missing');

describe('the Function Quest template', () => {
  it('the Function Quest template opens on level 1: its empty flow and its three functions as models', () => {
    const ids = counterIds();
    const drafts = questTemplateEvents((p) => ids.next(p));
    const defs = foldAllDefinitions(drafts.map((d, i) => ({ ...d, seq: i, ts: 0 }) as unknown as StoredEvent));
    expect([...defs.flows.values()].map((f) => [f.name, f.steps.size])).toEqual([[levelFlowName(first), 0]]);
    expect(
      [...defs.models.values()].map((m) => [m.kind, m.name, m.inputs.map((p) => p.name), m.outputs.map((p) => p.name)]),
    ).toEqual([
      ['quest', 'find_key', [], ['key']],
      ['quest', 'use_key', ['key'], ['lock']],
      ['quest', 'open_door', ['lock'], ['outcome']],
    ]);
  });
});
