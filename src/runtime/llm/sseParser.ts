/** One server-sent event: its `event:` name ('message' when unnamed) and its `data:` lines joined by '\n'. */
export interface SseEvent {
  event: string;
  data: string;
}

export interface SseParser {
  /** Feeds decoded text, split anywhere; returns the events it completed. */
  push(text: string): SseEvent[];
  /** The stream ended: returns an event still waiting for its blank line, if any. */
  end(): SseEvent[];
}

/**
 * An incremental parser for text/event-stream, as the HTML standard defines it. Network chunks split
 * lines, CRLF pairs and events anywhere, so it keeps the unfinished tail between pushes. Comments
 * (`:` lines) are keep-alives and are skipped; `id` and `retry` mean nothing to a one-shot completion.
 */
export function createSseParser(): SseParser {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let started = false;

  const takeEvent = (): SseEvent[] => {
    if (data.length === 0) {
      event = '';
      return [];
    }
    const done = { event: event || 'message', data: data.join('\n') };
    data = [];
    event = '';
    return [done];
  };

  const readLine = (line: string): SseEvent[] => {
    if (line === '') return takeEvent();
    if (line.startsWith(':')) return [];
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    return [];
  };

  return {
    push(text) {
      buffer += text;
      if (!started && buffer.length > 0) {
        started = true;
        if (buffer.startsWith('\uFEFF')) buffer = buffer.slice(1);
      }
      const events: SseEvent[] = [];
      for (;;) {
        const end = buffer.search(/\r\n|\r|\n/);
        if (end < 0) break;
        // A CR at the very end may be the first half of a CRLF split across chunks: wait for more.
        if (buffer[end] === '\r' && end === buffer.length - 1) break;
        const breakLength = buffer.startsWith('\r\n', end) ? 2 : 1;
        events.push(...readLine(buffer.slice(0, end)));
        buffer = buffer.slice(end + breakLength);
      }
      return events;
    },
    end() {
      // The standard drops an unterminated event; servers that forget the last blank line are common
      // enough that keeping it is kinder, and a half-written JSON payload fails to parse anyway.
      const events = buffer.length > 0 ? readLine(buffer.replace(/\r$/, '')) : [];
      buffer = '';
      return [...events, ...takeEvent()];
    },
  };
}
