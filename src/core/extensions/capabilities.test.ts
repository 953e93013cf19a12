import { describe, expect, it } from 'vitest';
import { checkFetch, checkLlm, checkSecret, describeCapabilities } from './capabilities';

const granted = { network: ['http://127.0.0.1:4610'] };

describe('checkFetch', () => {
  it('lets a declared origin through, whatever the path and query', () => {
    expect(checkFetch('HTTP request', granted, 'http://127.0.0.1:4610/items?page=2')).toEqual({
      ok: true,
      origin: 'http://127.0.0.1:4610',
      url: 'http://127.0.0.1:4610/items?page=2',
    });
    expect(checkFetch('HTTP request', granted, 'HTTP://127.0.0.1:4610')).toEqual({
      ok: true,
      origin: 'http://127.0.0.1:4610',
      url: 'http://127.0.0.1:4610/',
    });
  });

  it('refuses another origin, naming the capability and what was granted', () => {
    expect(checkFetch('HTTP request', granted, 'http://localhost:4610/x')).toEqual({
      ok: false,
      message:
        '“HTTP request” was not granted network access to http://localhost:4610 (it may reach only http://127.0.0.1:4610). Add the origin to capabilities.network in its manifest, or change the URL.',
    });
    // Same host, other port or scheme: other origins.
    expect(checkFetch('HTTP request', granted, 'http://127.0.0.1:4611/').ok).toBe(false);
    expect(checkFetch('HTTP request', granted, 'https://127.0.0.1:4610/').ok).toBe(false);
    const many = checkFetch('X', { network: ['https://a.test', 'https://b.test', 'https://c.test'] }, 'https://d.test');
    expect(many.ok ? '' : many.message).toContain(
      '(it may reach only https://a.test, https://b.test or https://c.test)',
    );
  });

  it('refuses every origin when no network was granted', () => {
    const check = checkFetch('CSV tools', {}, 'https://example.com/');
    expect(check).toEqual({
      ok: false,
      message:
        '“CSV tools” was not granted network access to https://example.com (it may reach no origin). Add the origin to capabilities.network in its manifest, or change the URL.',
    });
  });

  it('refuses URLs that are not http(s)', () => {
    expect(checkFetch('HTTP request', granted, 'file:///etc/passwd')).toEqual({
      ok: false,
      message: '“HTTP request” may fetch only http and https URLs, not “file:///etc/passwd” (file). Change the URL.',
    });
    expect(checkFetch('HTTP request', { network: ['data:'] }, 'data:text/plain,hi').ok).toBe(false);
  });

  it('refuses malformed URLs with a sentence', () => {
    expect(checkFetch('HTTP request', granted, '/relative/path')).toEqual({
      ok: false,
      message:
        '“HTTP request” asked to fetch “/relative/path”, which is not a URL. Give ctx.fetch a full URL, such as http://127.0.0.1:4610/path.',
    });
    const long = checkFetch('HTTP request', granted, `nope ${'x'.repeat(1_000)}`);
    expect(long.ok ? 0 : long.message.length).toBeLessThan(400);
  });

  it('refuses credentials in the URL even on a granted origin', () => {
    expect(checkFetch('HTTP request', granted, 'http://me:secret@127.0.0.1:4610/').ok).toBe(false);
  });
});

describe('checkLlm and checkSecret', () => {
  it('allow only what was granted', () => {
    expect(checkLlm('Summariser', { llm: true })).toEqual({ ok: true });
    expect(checkLlm('HTTP request', granted)).toEqual({
      ok: false,
      message:
        '“HTTP request” was not granted the llm capability, so it cannot call LLM models. Add "llm": true to capabilities in its manifest.',
    });
    expect(checkLlm('HTTP request', { llm: false }).ok).toBe(false);
    expect(checkSecret('Search', { secrets: ['SEARCH_KEY'] }, 'SEARCH_KEY')).toEqual({ ok: true });
    expect(checkSecret('Search', { secrets: ['SEARCH_KEY'] }, 'OPENAI_KEY')).toEqual({
      ok: false,
      message:
        '“Search” was not granted the API key named “OPENAI_KEY”. Add it to capabilities.secrets in its manifest.',
    });
  });
});

describe('describeCapabilities', () => {
  it('says one plain sentence per capability', () => {
    expect(
      describeCapabilities({
        network: ['http://127.0.0.1:4610', 'https://api.example.com'],
        llm: true,
        secrets: ['SEARCH_KEY'],
      }),
    ).toEqual([
      'Reach http://127.0.0.1:4610 over the network',
      'Reach https://api.example.com over the network',
      "Call LLM models of this project (metered against the run's budget)",
      'Read the API key named SEARCH_KEY',
    ]);
  });

  it('says so when an extension asks for nothing', () => {
    expect(describeCapabilities({})).toEqual(['Nothing: it runs with no network, no LLM and no keys']);
    expect(describeCapabilities({ network: [], llm: false, secrets: [] })).toEqual([
      'Nothing: it runs with no network, no LLM and no keys',
    ]);
  });
});
