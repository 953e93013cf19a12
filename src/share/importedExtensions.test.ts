import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../core/events/storedEvent';
import { parseExtensionPackage } from '../core/extensions/extensionPackage';
import { sha256 } from '../runtime/sha256';
import { extensionsInLog } from './importedExtensions';

const sample = async (name: string) => {
  const verdict = await parseExtensionPackage(readFileSync(`examples/extensions/${name}.conductor-extension.json`, 'utf8'), sha256);
  if (!verdict.ok) throw new Error(verdict.problems.join(' '));
  return verdict.pkg;
};
const registered = async (name: string) => {
  const { manifest, code, hash } = await sample(name);
  return { type: 'extension.registered', data: { extensionId: manifest.id, version: manifest.version, hash, manifest, code } } as unknown as StoredEvent;
};
const lifecycle = (type: 'extension.removed' | 'extension.disabled', extensionId: string) => ({ type, data: { extensionId } }) as unknown as StoredEvent;

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
    expect(extensionsInLog([csv, lifecycle('extension.removed', 'csv-tools'), csv]).map((e) => e.extensionId)).toEqual(['csv-tools']);
  });
});
