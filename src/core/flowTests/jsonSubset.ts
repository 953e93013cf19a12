import { canonicalJson } from '../events/canonicalJson';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * True when `actual` contains `expected`: every key of an expected object is in the actual one
 * and contains its value; an expected array has as many items as the actual one, each contained
 * in the item at its place; anything else is equal. Extra keys in the actual value are allowed:
 * that is what makes a subset expectation survive a model that adds a field.
 */
export function containsSubset(actual: unknown, expected: unknown): boolean {
  if (isObject(expected))
    return (
      isObject(actual) &&
      Object.keys(expected).every((key) => key in actual && containsSubset(actual[key], expected[key]))
    );
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => containsSubset(actual[i], item))
    );
  return sameJson(actual, expected);
}

export function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/**
 * The actual value cut down to the keys the expected one names (recursively), so a diff between
 * the two shows only what the expectation is about, not every field it leaves free.
 */
export function projectOnto(actual: unknown, expected: unknown): unknown {
  if (isObject(expected) && isObject(actual)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) if (key in actual) out[key] = projectOnto(actual[key], expected[key]);
    return out;
  }
  if (Array.isArray(expected) && Array.isArray(actual))
    return (actual as unknown[]).map((item, i): unknown =>
      i < expected.length ? projectOnto(item, (expected as unknown[])[i]) : item,
    );
  return actual;
}
