/**
 * Text that ends as a sentence does: a reason from an agent ("it threw: boom") gets its full stop
 * before another sentence follows it, so two never run together ("boom 1 step after it…").
 */
export function asSentence(text: string): string {
  const trimmed = text.trimEnd();
  if (trimmed === '') return trimmed;
  return /[.!?…:;)”"'\]]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}
