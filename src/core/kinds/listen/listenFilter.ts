import { compileCondition } from '../../cel/condition';

/** What a filter reads of a message (the bus's BusMessage has these). */
export interface FilteredMessage {
  topic: string;
  body: unknown;
  from: { name: string };
}

/** A listen filter, compiled: whether a message passes, or the sentence saying why the filter does not compile. */
export type ListenFilter = { ok: true; passes: (message: FilteredMessage) => boolean } | { ok: false; message: string };

/** Compiles a listen step's CEL filter: `message` is the body, `topic` its topic, `from` who posted it (by name). */
export function compileListenFilter(filter: string): ListenFilter {
  const condition = compileCondition(filter.trim() === '' ? 'true' : filter);
  if (!condition.ok) return { ok: false, message: `Its filter “${filter}” ${condition.message}` };
  return {
    ok: true,
    passes: (m) => condition.test({ message: m.body, topic: m.topic, from: m.from.name } as never),
  };
}
