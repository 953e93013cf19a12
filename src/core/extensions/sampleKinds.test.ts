import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { classifyValue } from '../artifacts/artifactRecord';
import type { AgentFetchRequest, AgentFetchResponse } from '../ports/ports';
import { parseManifest, type ProvidedKind } from './manifest';
import { settingsValidator } from '../kinds/extension/settingsSchema';

// The samples' entry code, run the way the sandbox runs it (CommonJS: exports.kinds[kind](ctx)),
// with a fake ctx. The sandbox itself is tested in the browser; this tests the kinds' logic.
const samplesDir = resolve(import.meta.dirname, '../../../examples/extensions');

type KindFn = (ctx: unknown) => Promise<void>;
interface Sample {
  kinds: Record<string, KindFn>;
  provided: (kind: string) => ProvidedKind;
}

function loadSample(name: string): Sample {
  const code = readFileSync(resolve(samplesDir, name, 'index.js'), 'utf8');
  const module = { exports: {} as { kinds?: Record<string, KindFn> } };
  new Function('exports', 'module', 'require', code)(module.exports, module, () => {
    throw new Error('samples may not import');
  });
  const { $schema: _schema, ...source } = JSON.parse(
    readFileSync(resolve(samplesDir, name, 'manifest.json'), 'utf8'),
  ) as Record<string, unknown>;
  const verdict = parseManifest({ ...source, entry: { sha256: '0'.repeat(64) } });
  if (!verdict.ok) throw new Error(verdict.problems.join('; '));
  const manifest = verdict.manifest;
  return {
    kinds: module.exports.kinds ?? {},
    provided: (kind) =>
      manifest.provides.find((p) => p.kind === kind) ??
      (() => {
        throw new Error(`no kind ${kind}`);
      })(),
  };
}

/** Runs a kind with settings as the conductor would give them: validated, defaults filled in. */
async function run(
  sample: Sample,
  kind: string,
  inputs: Record<string, unknown>,
  settings: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  const provided = sample.provided(kind);
  const emitted: Array<{ port: string; value: unknown }> = [];
  const logs: string[] = [];
  const ctx = {
    inputs,
    settings: settingsValidator(provided).parse(settings),
    emit: (port: string, value: unknown) => {
      if (!provided.outputs.some((o) => o.name === port)) throw new Error(`not an output: ${port}`);
      emitted.push({ port, value });
    },
    log: (...args: unknown[]) => logs.push(args.join(' ')),
    ...extra,
  };
  const fn = sample.kinds[kind];
  if (fn === undefined) throw new Error(`the code has no kind ${kind}`);
  await fn(ctx);
  return { emitted, logs };
}

describe('CSV tools: parse-csv', () => {
  const csv = loadSample('csv-tools');
  const table = async (text: string, settings: Record<string, unknown> = {}) => {
    const { emitted } = await run(csv, 'parse-csv', { csv: text }, settings);
    expect(emitted.map((e) => e.port)).toEqual(['table']);
    return emitted[0]?.value;
  };

  it('provides exactly the kinds its manifest declares', () => {
    expect(Object.keys(csv.kinds)).toEqual(['parse-csv']);
  });

  it('handles quoted fields with delimiters, doubled quotes, line breaks and CRLF', async () => {
    const text = 'name,quote,amount\r\n"Smith, J.","He said ""hi""",10\r\n"two\r\nlines",,3\r\n""," ""x"" ",\r\n';
    expect(await table(text)).toEqual([
      { name: 'Smith, J.', quote: 'He said "hi"', amount: '10' },
      { name: 'two\r\nlines', quote: '', amount: '3' },
      { name: '', quote: ' "x" ', amount: '' },
    ]);
  });

  it('gives a value the studio stores as a table', async () => {
    const value = await table('a,b\n1,2\n');
    expect(classifyValue(value, 'table')).toMatchObject({ ok: true, kind: 'table' });
  });

  it('reads LF and CR line ends, a byte-order mark, blank lines and a last line without a break', async () => {
    expect(await table('\uFEFFa,b\n1,2\r\n\n3,4\r5,6')).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
      { a: '5', b: '6' },
    ]);
  });

  it('uses the delimiter and header settings', async () => {
    expect(await table('x;y\n1;"2;3"', { delimiter: ';' })).toEqual([{ x: '1', y: '2;3' }]);
    expect(await table('1\t2\n3\t4', { delimiter: '\t', header: false })).toEqual([
      { column_1: '1', column_2: '2' },
      { column_1: '3', column_2: '4' },
    ]);
  });

  it('names blank and repeated headers, and fills ragged rows', async () => {
    expect(await table('a,,a,__proto__\n1,2,3,4\n5\n6,7,8,9,10')).toEqual([
      { a: '1', column_2: '2', a_2: '3', ['__proto__']: '4', column_5: '' },
      { a: '5', column_2: '', a_2: '', ['__proto__']: '', column_5: '' },
      { a: '6', column_2: '7', a_2: '8', ['__proto__']: '9', column_5: '10' },
    ]);
    const [first] = (await table('__proto__\n1')) as object[];
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.keys(first ?? {})).toEqual(['__proto__']);
  });

  it('fails with a sentence on an unclosed quote, an empty table or an input that is not text', async () => {
    await expect(run(csv, 'parse-csv', { csv: 'a,b\n"1,2\n' })).rejects.toThrow(/ends inside a quoted field/);
    await expect(run(csv, 'parse-csv', { csv: 'a,b\n' })).rejects.toThrow(/no data rows/);
    await expect(run(csv, 'parse-csv', { csv: '' }, { header: false })).rejects.toThrow(/the CSV is empty/);
    await expect(run(csv, 'parse-csv', { csv: { a: 1 } })).rejects.toThrow(/must be text, but it is object/);
  });

  it('refuses a quote as the delimiter (the settings schema allows one character)', async () => {
    await expect(run(csv, 'parse-csv', { csv: 'a' }, { delimiter: '"' })).rejects.toThrow(
      /one character other than a quote/,
    );
  });
});

describe('HTTP request: request', () => {
  const http = loadSample('http-request');
  const answer = (over: Partial<AgentFetchResponse> = {}): AgentFetchResponse => ({
    ok: true,
    status: 200,
    statusText: 'OK',
    headers: {},
    text: '',
    ...over,
  });

  it('GETs the URL through ctx.fetch and emits status, ok and the parsed JSON body', async () => {
    const fetch = vi.fn((_url: string, _init: Omit<AgentFetchRequest, 'url'>) =>
      Promise.resolve(
        answer({ headers: { 'Content-Type': 'application/json; charset=utf-8' }, text: '{"items":[1,2]}' }),
      ),
    );
    const { emitted, logs } = await run(
      http,
      'request',
      { body: 'ignored' },
      { url: 'http://127.0.0.1:4610/items' },
      { fetch },
    );
    expect(fetch.mock.calls).toEqual([['http://127.0.0.1:4610/items', { method: 'GET' }]]);
    expect(emitted).toEqual([{ port: 'response', value: { status: 200, ok: true, body: { items: [1, 2] } } }]);
    expect(logs).toEqual(['GET http://127.0.0.1:4610/items → 200 OK']);
  });

  it('POSTs its input as the body, typed by what it holds', async () => {
    const fetch = vi.fn((_url: string, _init: Omit<AgentFetchRequest, 'url'>) =>
      Promise.resolve(
        answer({ status: 201, statusText: 'Created', headers: { 'content-type': 'text/plain' }, text: 'made' }),
      ),
    );
    const { emitted } = await run(
      http,
      'request',
      { body: '{"name":"x"}' },
      { url: 'http://127.0.0.1:4610/things', method: 'POST' },
      { fetch },
    );
    expect(fetch.mock.calls).toEqual([
      [
        'http://127.0.0.1:4610/things',
        { method: 'POST', body: '{"name":"x"}', headers: { 'content-type': 'application/json' } },
      ],
    ]);
    expect(emitted).toEqual([{ port: 'response', value: { status: 201, ok: true, body: 'made' } }]);
    await run(
      http,
      'request',
      { body: 'plain words' },
      { url: 'http://127.0.0.1:4610/things', method: 'POST' },
      { fetch },
    );
    expect(fetch.mock.calls[1]?.[1]).toEqual({
      method: 'POST',
      body: 'plain words',
      headers: { 'content-type': 'text/plain;charset=utf-8' },
    });
  });

  it('passes an error status on as data, and a body that claims JSON but is not as text', async () => {
    const fetch = () =>
      Promise.resolve(
        answer({
          ok: false,
          status: 500,
          statusText: 'Server Error',
          headers: { 'content-type': 'application/json' },
          text: '{oops',
        }),
      );
    const { emitted, logs } = await run(http, 'request', { body: '' }, { url: 'http://127.0.0.1:4610/' }, { fetch });
    expect(emitted).toEqual([{ port: 'response', value: { status: 500, ok: false, body: '{oops' } }]);
    expect(logs).toContain('the response says it is JSON but does not parse; it is passed on as text');
  });

  it("fails with the conductor's sentence when a fetch is refused", async () => {
    const refusal =
      '“HTTP request” was not granted network access to http://localhost:9 (it may reach only http://127.0.0.1:4610).';
    const fetch = () => Promise.reject(new Error(refusal));
    await expect(run(http, 'request', { body: '' }, { url: 'http://localhost:9/' }, { fetch })).rejects.toThrow(
      refusal,
    );
  });

  it('has settings whose defaults fill a template and whose URL must be a URL', () => {
    const validator = settingsValidator(http.provided('request'));
    expect(validator.parse({})).toEqual({ url: 'http://127.0.0.1:4610/', method: 'GET' });
    expect(validator.safeParse({ url: 'not a url' }).success).toBe(false);
    expect(validator.safeParse({ url: 'http://127.0.0.1:4610/', method: 'DELETE' }).success).toBe(false);
  });
});
