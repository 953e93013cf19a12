import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sealEvents } from '../core/log/sealEvents';
import type { EventDraft } from '../core/events/eventMap';
import type { StoredEvent } from '../core/events/storedEvent';
import { openSoundLog } from '../core/log/openLog';
import type { ProjectId } from '../core/ids';
import { foldAllDefinitions } from '../core/project/projectState';
import { parseExtensionPackage } from '../core/extensions/extensionPackage';
import { sha256 } from '../runtime/sha256';
import { buildExport, exportText } from './buildExport';
import { extensionsInLog } from './importedExtensions';
import { prepareImport } from './prepareImport';

const sample = async (name: string) => {
  const verdict = await parseExtensionPackage(
    readFileSync(`examples/extensions/${name}.conductor-extension.json`, 'utf8'),
    sha256,
  );
  if (!verdict.ok) throw new Error(verdict.problems.join(' '));
  return verdict.pkg;
};
const registered = async (name: string) => {
  const { manifest, code, hash } = await sample(name);
  return {
    type: 'extension.registered',
    data: { extensionId: manifest.id, version: manifest.version, hash, manifest, code },
  } as unknown as StoredEvent;
};
const lifecycle = (type: 'extension.removed' | 'extension.disabled', extensionId: string) =>
  ({ type, data: { extensionId } }) as unknown as StoredEvent;

describe('extensionsInLog', () => {
  it('lists what the log leaves installed, disabled ones included, with what each asks for', async () => {
    const csv = await registered('csv-tools');
    const http = await registered('http-request');
    const found = extensionsInLog([csv, http, lifecycle('extension.disabled', 'csv-tools')]);
    expect(found.map((e) => [e.extensionId, e.name, e.version, e.author])).toEqual([
      ['csv-tools', 'CSV tools', '1.0.0', 'Conductor Studio'],
      ['http-request', 'HTTP request', '1.0.0', 'Conductor Studio'],
    ]);
    expect(found[1]?.capabilities.network).toEqual(['http://127.0.0.1:4610']);
    expect(found[0]?.hash).toBe((await sample('csv-tools')).hash);
  });

  it('leaves out an extension removed later, and lists one installed again after removal', async () => {
    const csv = await registered('csv-tools');
    expect(extensionsInLog([csv, lifecycle('extension.removed', 'csv-tools')])).toEqual([]);
    expect(extensionsInLog([csv, lifecycle('extension.removed', 'csv-tools'), csv]).map((e) => e.extensionId)).toEqual([
      'csv-tools',
    ]);
  });
});

describe('a project’s extensions through export and import', () => {
  it('a definitions-only export carries each extension (disabled stays disabled), and the import plan lists them to approve', async () => {
    const projectId = 'p_with_extensions' as ProjectId;
    const drafts = [
      { type: 'project.created', data: { projectId, name: 'With extensions' } },
      await registered('csv-tools'),
      await registered('http-request'),
      lifecycle('extension.disabled', 'http-request'),
    ] as unknown as EventDraft[];
    const records = await sealEvents({ projectId, head: null, drafts, now: 1_000, sha256 });
    const doc = await buildExport({
      records,
      readArtifacts: () => Promise.resolve([]),
      contents: 'definitions',
      now: 2_000,
      sha256,
    });
    const plan = await prepareImport(exportText(doc), {
      sha256,
      subtle: globalThis.crypto.subtle,
      newProjectId: 'p_copy' as ProjectId,
      takenNames: [],
      now: 3_000,
    });
    expect(plan.extensions.map((e) => [e.extensionId, e.hash])).toEqual([
      ['csv-tools', (await sample('csv-tools')).hash],
      ['http-request', (await sample('http-request')).hash],
    ]);
    const copy = foldAllDefinitions((await openSoundLog(plan.events, sha256)).events);
    expect([...copy.extensions.values()].map((e) => [e.extensionId, e.enabled])).toEqual([
      ['csv-tools', true],
      ['http-request', false],
    ]);
  });
});
