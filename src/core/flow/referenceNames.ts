/**
 * People name models, steps and flows; the log stores ids, so a rename never breaks a reference.
 * These helpers translate at the edge: a document is rendered with today's names, and a name typed
 * into it is resolved back to an id when it is saved.
 */

/** Something a reference may point at: its id, and what a person calls it. */
export interface Named<Id extends string = string> {
  id: Id;
  name: string;
}

/** How a typed reference resolved: to an id, or to a sentence saying why not. */
export type Resolved<Id extends string> = { ok: true; id: Id } | { ok: false; message: string };

/**
 * The id `text` means among `items`: an exact id first (documents written before names, and names
 * that are ambiguous, keep working), then the one item called `text`.
 * `what` is how the message names the items ("model", "step of this flow").
 */
export function resolveName<Id extends string>(text: string, items: Iterable<Named<Id>>, what: string): Resolved<Id> {
  const all = [...items];
  const byId = all.find((item) => item.id === text);
  if (byId) return { ok: true, id: byId.id };
  const called = all.filter((item) => item.name === text);
  if (called.length === 1 && called[0]) return { ok: true, id: called[0].id };
  if (called.length > 1)
    return {
      ok: false,
      message: `${called.length} ${what}s are called “${text}”; rename one, or write its id (${called.map((c) => c.id).join(', ')})`,
    };
  const known = all.map((item) => `“${item.name}”`).slice(0, 6);
  return {
    ok: false,
    message: `no ${what} is called “${text}”${known.length > 0 ? ` (there are ${known.join(', ')}${all.length > known.length ? '…' : ''})` : ''}`,
  };
}

/**
 * What a document shows for `id`: the item's name when that name is unique (so it resolves back to
 * the same id, and is no other item's id), otherwise the id itself. An id that points at nothing is shown as it is.
 */
export function displayName(id: string, items: Iterable<Named>): string {
  const all = [...items];
  const item = all.find((i) => i.id === id);
  if (!item) return id;
  const unique =
    all.filter((i) => i.name === item.name).length === 1 && !all.some((i) => i.id === item.name && i !== item);
  return unique && item.name !== '' ? item.name : id;
}
