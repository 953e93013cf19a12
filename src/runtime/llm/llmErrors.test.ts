import { describe, expect, it } from 'vitest';
import { classifyStatus, parseRetryAfter, serverMessage } from './llmErrors';

describe('llmErrors', () => {
  it('classes statuses for the retry policy', () => {
    expect([429, 401, 403, 400, 404, 422, 500, 502, 503].map(classifyStatus)).toEqual([
      'rate-limit',
      'auth',
      'auth',
      'bad-request',
      'bad-request',
      'bad-request',
      'server',
      'server',
      'server',
    ]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter('2.5', now)).toBe(2500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('finds the server’s message in the usual error bodies', () => {
    expect(serverMessage('{"error":{"message":"Bad key","type":"x"}}')).toBe('Bad key');
    expect(serverMessage('{"error":"model not found"}')).toBe('model not found');
    expect(serverMessage('{"message":"nope"}')).toBe('nope');
    expect(serverMessage('  <html>\n  Bad   Gateway </html> ')).toBe('<html> Bad Gateway </html>');
    expect(serverMessage('x'.repeat(1000))).toHaveLength(301);
  });
});
