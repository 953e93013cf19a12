import type { QuestFunction, QuestLevel } from '../../core/quest/levelSchema';

/** A function as its signature reads: `use_key(key: key) → lock`. */
export const signatureText = (fn: Pick<QuestFunction, 'name' | 'params' | 'returns'>): string =>
  `${fn.name}(${fn.params.map((p) => `${p.name}: ${p.type}${p.oneOf ? ` ∈ {${p.oneOf.join(', ')}}` : ''}`).join(', ')}) → ${fn.returns}`;

/** An efficiency as a person reads it: 0.75 → "75%". */
export const percent = (efficiency: number): string => `${Math.round(efficiency * 100)}%`;

/** The level's place and title: "Level 2: Two keys". */
export const levelName = (level: QuestLevel): string => `Level ${level.order}: ${level.title}`;

/** "a key", "an outcome": the article a type's name takes. */
export const aOrAn = (word: string): string => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);
