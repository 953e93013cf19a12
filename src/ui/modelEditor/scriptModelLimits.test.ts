import { describe, expect, it } from 'vitest';
import { scriptModelSchema } from '../../core/kinds/script/scriptSchema';
import { isAcceptedTimeout, SCRIPT_MODEL_LIMITS } from './scriptModelLimits';

describe('the model editor’s limits', () => {
  it('are the script model schema’s: the bounds it accepts and the first values it refuses', () => {
    const { min, max } = SCRIPT_MODEL_LIMITS.timeoutMs;
    expect([min, max]).toEqual([100, 600_000]);
    expect([isAcceptedTimeout(min), isAcceptedTimeout(max)]).toEqual([true, true]);
    expect([isAcceptedTimeout(min - 1), isAcceptedTimeout(max + 1), isAcceptedTimeout(min + 0.5)]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('allow as many ports as the schema does, and not one more', () => {
    const ports = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}`, type: 'text' as const }));
    const { ports: most } = SCRIPT_MODEL_LIMITS;
    expect(scriptModelSchema.shape.outputs.safeParse(ports(most)).success).toBe(true);
    expect(scriptModelSchema.shape.outputs.safeParse(ports(most + 1)).success).toBe(false);
    expect(scriptModelSchema.shape.inputs.safeParse(ports(most + 1)).success).toBe(false);
  });
});
