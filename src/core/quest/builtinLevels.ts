import { levelSchema, type QuestLevel } from './levelSchema';
import level1 from './levels/01-first-door.json' with { type: 'json' };
import level2 from './levels/02-two-keys.json' with { type: 'json' };
import level3 from './levels/03-weather.json' with { type: 'json' };
import level4 from './levels/04-cake.json' with { type: 'json' };
import level5 from './levels/05-cipher.json' with { type: 'json' };
import level6 from './levels/06-stuck-door.json' with { type: 'json' };
import level7 from './levels/07-chest-on-a-budget.json' with { type: 'json' };
import level8 from './levels/08-bridge.json' with { type: 'json' };
import level9 from './levels/09-lab.json' with { type: 'json' };
import level10 from './levels/10-treasure.json' with { type: 'json' };
import level11 from './levels/11-tower.json' with { type: 'json' };

/**
 * The built-in levels, in the order they unlock. Each is a data file checked against the level
 * schema, as a level a person writes and shares is: a broken one fails here, at load.
 */
export const BUILTIN_LEVELS: readonly QuestLevel[] = [
  level1,
  level2,
  level3,
  level4,
  level5,
  level6,
  level7,
  level8,
  level9,
  level10,
  level11,
]
  .map((raw) => levelSchema.parse(raw))
  .sort((a, b) => a.order - b.order);

/** Parses a level someone wrote (JSON), or says what is wrong with it. */
export function parseLevel(raw: unknown): { ok: true; level: QuestLevel } | { ok: false; message: string } {
  const parsed = levelSchema.safeParse(raw);
  if (parsed.success) return { ok: true, level: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: `This level is not valid: ${issue ? `${issue.path.join('.') || 'the level'} ${issue.message}` : 'unknown problem'}.`,
  };
}
