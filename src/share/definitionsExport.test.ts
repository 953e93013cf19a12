import { describe, expect, it } from 'vitest';
import { sealEvents } from '../core/log/sealEvents';
import { defaultEventCodec } from '../core/log/studioEventCodec';
import type { EventDraft } from '../core/events/eventMap';
import type { ProjectId } from '../core/ids';
import { foldAllDefinitions } from '../core/project/projectState';
import { buildExample, json, text } from '../examples/buildExample';
import { compileModel } from '../runtime/compileModel';
import { sha256 } from '../runtime/sha256';
import { buildExport } from './buildExport';

let n = 0;
const newId = (prefix: string) => `${prefix}_${n++}`;

describe('a definitions export', () => {
  it('keeps each step’s settings and the policies, so a copy runs as the original does', async () => {
    const drafts: EventDraft[] = buildExample(
      {
        flowName: 'Map',
        models: [
          {
            key: 'list',
            name: 'List',
            description: '',
            inputs: [text('in')],
            outputs: [json('items')],
            source: `export default (ctx) => ctx.emit('items', [1, 2]);`,
          },
          {
            key: 'each',
            name: 'Each',
            description: '',
            inputs: [json('item')],
            outputs: [json('out')],
            source: `export default (ctx) => ctx.emit('out', ctx.inputs.item);`,
          },
        ],
        steps: [
          { key: 'list', x: 0, y: 0 },
          { key: 'each', x: 100, y: 0, settings: { map: { port: 'item', concurrency: 3 } } },
        ],
        edges: [['list', 'items', 'each', 'item']],
        policies: '{ "project": { "maxTokens": 1000 } }',
      },
      compileModel,
      newId,
    );
    const projectId = 'proj_defs' as ProjectId;
    const records = await sealEvents({
      projectId,
      head: null,
      drafts: [{ type: 'project.created', data: { projectId, name: 'Defs' } }, ...drafts],
      now: 1,
      sha256,
    });
    const doc = await buildExport({
      records,
      readArtifacts: () => Promise.resolve([]),
      contents: 'definitions',
      now: 2,
      sha256,
    });
    const original = foldAllDefinitions(records.map((r) => defaultEventCodec.decode(r)));
    const copy = foldAllDefinitions(doc.events.map((r) => defaultEventCodec.decode(r)));
    const settingsOf = (defs: typeof original) =>
      [...[...defs.flows.values()][0]!.steps.values()].map((s) => s.settings ?? null);
    expect(settingsOf(copy)).toEqual(settingsOf(original));
    expect(settingsOf(copy)).toContainEqual({ map: { port: 'item', concurrency: 3 } });
    expect(copy.policies?.source).toBe(original.policies?.source);
  });
});
