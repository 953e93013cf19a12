import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sseParser';

function parseAll(chunks: string[]): SseEvent[] {
  const parser = createSseParser();
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];
}

const stream = 'data: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n';

describe('createSseParser', () => {
  it('reads whole events', () => {
    expect(parseAll([stream]).map((e) => e.data)).toEqual(['{"a":1}', '{"b":2}', '[DONE]']);
  });

  it('gives the same events however the text is split', () => {
    const expected = parseAll([stream]);
    for (let size = 1; size < stream.length; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      expect(parseAll(chunks)).toEqual(expected);
    }
  });

  it('accepts CRLF and lone CR line breaks, even with a CRLF split across chunks', () => {
    expect(parseAll(['data: one\r\n\r\ndata: two\r\r']).map((e) => e.data)).toEqual(['one', 'two']);
    expect(parseAll(['data: one\r', '\n\r', '\ndata: two\r\n\r\n']).map((e) => e.data)).toEqual(['one', 'two']);
  });

  it('skips comments and fields it does not use', () => {
    const events = parseAll([': keep-alive\n\nid: 7\nretry: 100\ndata: x\n:comment\n\n']);
    expect(events).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('joins several data lines with newlines and keeps the event name', () => {
    expect(parseAll(['event: error\ndata: a\ndata:b\ndata\n\n'])).toEqual([{ event: 'error', data: 'a\nb\n' }]);
  });

  it('emits nothing for an event without data', () => {
    expect(parseAll(['event: ping\n\n'])).toEqual([]);
  });

  it('removes only one space after the colon, and a leading BOM', () => {
    expect(parseAll(['\uFEFFdata:  two spaces\n\n']).map((e) => e.data)).toEqual([' two spaces']);
  });

  it('keeps a last event that lacks its blank line', () => {
    const parser = createSseParser();
    expect(parser.push('data: [DONE]')).toEqual([]);
    expect(parser.end()).toEqual([{ event: 'message', data: '[DONE]' }]);
  });
});
