import { describe, expect, it } from 'vitest';
import { counterIds } from '../core/ids';
import { foldAllDefinitions } from '../core/project/projectState';
import { compileModel } from '../runtime/compileModel';
import { templateEvents } from './templateEvents';
import { parseStoredEvent } from '../core/log/studioEventCodec';
import { STEP_WIDTH, estimateStepHeight } from '../ui/canvas/levelOfDetail';

/** Room for what the estimate leaves out: a kind tag, a badge row, a status note. */
const SLACK = 40;

describe('shipped examples open tidy', () => {
  for (const template of ['example', 'churn', 'venture', 'checks'] as const) {
    it(`${template}: no two steps overlap`, () => {
      const ids = counterIds();
      const log = templateEvents(template, compileModel, (p) => ids.next(p)).map((d, seq) =>
        parseStoredEvent({ v: 1, projectId: 'p', seq, ts: 0, prevHash: '0'.repeat(64), hash: '0'.repeat(64), ...d }),
      );
      const defs = foldAllDefinitions(log);
      for (const flow of defs.flows.values()) {
        const boxes = [...flow.steps.values()].map((s) => {
          const m = defs.models.get(s.modelId);
          return {
            label: s.label,
            x: s.position.x,
            y: s.position.y,
            width: STEP_WIDTH,
            height: estimateStepHeight(Math.max(m?.inputs.length ?? 0, m?.outputs.length ?? 0)) + SLACK,
          };
        });
        const overlapping: string[] = [];
        for (const [i, a] of boxes.entries())
          for (const b of boxes.slice(i + 1))
            if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
              overlapping.push(`${a.label} × ${b.label}`);
        expect(overlapping).toEqual([]);
      }
    });
  }
});
