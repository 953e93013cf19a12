import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../core/events/storedEvent';
import type { ProjectId } from '../core/ids';
import { sha256 } from '../runtime/sha256';
import type { ExportDocument } from '../share/buildExport';
import { oneOffSigner } from '../share/fixtures/oneOffSigner';
import { resealEvents } from '../share/resealEvents';
import { keyFingerprint } from '../share/signature';
import { buildCli, ExampleStudio, runCli } from './cliTestSupport';

/**
 * `npm run test:flows` as a team's CI runs it, on files others sent: the built CLI in a child
 * process. It checks each file as the studio's import does and says who signed it before anything
 * runs; a forged, damaged or unvouched-for file is refused with one sentence and exit 2, and no
 * agent starts.
 */

const dir = mkdtempSync(join(tmpdir(), 'cli-trust-'));
const cli = 'node_modules/.cache/cli-tests/trust-run-flow-tests.mjs';
/** Where the forged code tries to write on the host: it must never appear. */
const marker = join(dir, 'escaped.txt');
const subtle = globalThis.crypto.subtle;
const signer = await oneOffSigner(subtle);
const fingerprint = await keyFingerprint(signer.publicKey, subtle);

const SHOUT = `export default async function run(ctx: Ctx) {\n  await new Promise((resolve) => setTimeout(resolve, 10));\n  ctx.emit('out', String(ctx.inputs.in).toUpperCase() + '!');\n}`;
/** Code that would write a file on the host in a Node vm context, and tries every route to it. */
const ESCAPE = `exports.default = async function run(ctx) {
  const path = ${JSON.stringify(marker)};
  try { require('fs').writeFileSync(path, 'escaped'); } catch (e) { ctx.log('require: ' + e.message); }
  try { ctx.constructor.constructor('return process')().mainModule.require('fs').writeFileSync(path, 'escaped'); } catch (e) { ctx.log('constructor: ' + e.message); }
  globalThis.process.binding('fs');
};`;

/** A project with one script step and a flow test of it (a saved run); its export, signed or not. */
async function project(signed: boolean): Promise<{ text: string; doc: ExportDocument }> {
  const studio = await new ExampleStudio().open(null);
  const flowId = await studio.studio.do({ type: 'createFlow', name: 'Flow' });
  const shout = await studio.studio.do({
    type: 'saveModel',
    name: 'Shout',
    inputs: [{ name: 'in', type: 'text' }],
    outputs: [{ name: 'out', type: 'text' }],
    source: SHOUT,
  });
  await studio.studio.do({ type: 'addStep', flowId: flowId, modelId: shout, position: { x: 0, y: 0 } });
  await studio.saveAsTest(flowId, 'cats', 'Shouts');
  const text = await studio.exportText(signed ? signer : undefined);
  return { text, doc: JSON.parse(text) as ExportDocument };
}

/** What a forger does: put other code in the model, re-seal the chain and head, keep the signature (if any). */
async function forge(doc: ExportDocument, code: string): Promise<string> {
  const events = structuredClone(doc.events);
  const saved = events.find((e: EventRecord) => e.type === 'model.saved') as EventRecord;
  (saved.data as { model: { compiled: string } }).model.compiled = code;
  const sealed = await resealEvents(events, doc.project.projectId as ProjectId, sha256);
  const last = sealed.at(-1);
  return JSON.stringify({
    ...doc,
    events: sealed,
    project: { ...doc.project, head: last ? { seq: last.seq, hash: last.hash } : null },
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

let signed: { text: string; doc: ExportDocument };
let unsigned: { text: string; doc: ExportDocument };

beforeAll(async () => {
  await buildCli(cli);
  [signed, unsigned] = [await project(true), await project(false)];
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each case starts the CLI once or more, a Node process each: seconds on a busy machine.
describe('npm run test:flows checks a file before it runs anything', { timeout: 60_000 }, () => {
  it('refuses a re-sealed forgery that kept its signature: exit 2, the studio’s sentence, and its code never runs', async () => {
    const forged = file('forged.conductor.json', await forge(signed.doc, ESCAPE));
    const result = await runCli(cli, [forged, '--trust', fingerprint, '--allow-unsigned']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(
        'This file’s signature does not match its content: the file was changed after it was signed',
      ),
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a truncated or a non-export file in one sentence, with exit 2', async () => {
    const truncated = await runCli(cli, [
      file('truncated.conductor.json', signed.text.slice(0, Math.floor(signed.text.length / 2))),
      '--allow-unsigned',
    ]);
    expect(truncated).toMatchObject({ code: 2, stdout: '' });
    expect(truncated.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /truncated\.conductor\.json: This file is not valid JSON \(.+\)\. Pick a file the studio exported/,
      ),
    ]);
    const other = await runCli(cli, [file('other.json', '{"format": "something else", "version": 1}')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/not a Conductor Studio export/);
    const missing = await runCli(cli, [join(dir, 'nowhere.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot be read \(ENOENT\)/);
  });

  it('says who signed a file first; an unknown signer runs only when named with --trust', async () => {
    const path = file('signed.conductor.json', signed.text);
    const refused = await runCli(cli, [path]);
    expect(refused.code).toBe(2);
    expect(refused.stdout.split('\n')[0]).toBe(
      `Signed by an unknown key (fingerprint ${fingerprint.slice(0, 16).match(/.{4}/g)?.join(' ')}; full ${fingerprint}).`,
    );
    expect(refused.stderr).toContain(`--trust ${fingerprint.slice(0, 16)}`);
    expect(refused.stdout).not.toContain('Shouts');

    const wrongKey = await runCli(cli, [path, '--trust', '0123456789abcdef']);
    expect(wrongKey.code).toBe(2);

    const trusted = await runCli(cli, [path, '--trust', fingerprint.slice(0, 16)]);
    expect(trusted.stdout.split('\n')[0]).toMatch(/^Signed by a key you named with --trust/);
    expect(trusted.stdout).toContain('✓ Shouts');
    expect(trusted.code).toBe(0);
  });

  it('runs an unsigned file only with --allow-unsigned, and says how', async () => {
    const path = file('unsigned.conductor.json', unsigned.text);
    const refused = await runCli(cli, [path]);
    expect(refused).toMatchObject({ code: 2, stdout: 'Not signed: nobody vouches for this file.\n' });
    expect(refused.stderr).toContain('--allow-unsigned');
    const allowed = await runCli(cli, [path, '--allow-unsigned']);
    expect(allowed.stdout).toContain('✓ Shouts');
    expect(allowed.code).toBe(0);
  });

  it('an agent that reaches for the host is refused with the studio’s sentence, named by its step, and writes nothing', async () => {
    // Not a forgery of a signed file: an unsigned project with this code, which its person allows to run.
    const text = await forge(unsigned.doc, ESCAPE);
    const result = await runCli(cli, [file('escape.conductor.json', text), '--allow-unsigned']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ Shouts (the run failed)');
    expect(result.stdout).toContain(
      '    Shout failed: it threw: Agents cannot use the host process or its files (process). Use only the ctx API:',
    );
    expect(existsSync(marker)).toBe(false);
  });
});
