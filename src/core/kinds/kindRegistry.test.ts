import { describe, expect, it } from 'vitest';
import { parseJsoncWith } from '../errors/jsoncDocument';
import { BUILT_IN_KINDS, createKindRegistry } from './builtinKinds';
import type { InstalledExtension } from './extension/installedExtension';
import { kindKeyOf } from './kindRegistry';
import { scriptKind } from './script/scriptKind';
import { modelSchema } from './modelSchema';

const flows = [{ id: 'flow_checks', label: 'Checks' }];

const extension = (id: string, kind: string): InstalledExtension => ({
  extensionId: id,
  name: `Ext ${id}`,
  version: '1.0.0',
  description: '',
  author: 'someone',
  hash: 'a'.repeat(64),
  capabilities: { network: [], llm: false, secrets: [] },
  provides: [
    {
      kind,
      label: 'Parse',
      description: '',
      badge: 'P',
      inputs: [],
      outputs: [{ name: 'out', type: 'any' }],
      settings: { type: 'object', properties: { n: { type: 'number', default: 2 } } },
      docs: {},
    },
  ],
  code: 'exports.kinds = {}',
  manifest: {},
  enabled: true,
});

describe('the model schema, built from the kind registry', () => {
  const fields = {
    modelId: 'model_h',
    name: 'Reviewer',
    version: 1,
    inputs: [],
    outputs: [{ name: 'verdict', type: 'text' }],
  };

  it('is the union of the stored forms the built-in kinds declare, and the extension form', () => {
    expect(BUILT_IN_KINDS.every((kind) => kind.schema !== undefined)).toBe(true);
    expect(modelSchema.parse({ ...fields, kind: 'human' })).toMatchObject({
      kind: 'human',
      instructions: '',
      timeoutMs: 10_000,
    });
    expect(modelSchema.parse({ ...fields, kind: 'subflow', flowId: 'flow_checks' })).toMatchObject({
      kind: 'subflow',
      flowId: 'flow_checks',
    });
    expect(modelSchema.parse({ ...fields, kind: 'extension', extension: { id: 'acme', kind: 'parse' } })).toMatchObject(
      { kind: 'extension', settings: {} },
    );
  });

  it('refuses a kind no built-in declares, and a model that breaks its kind’s stored form, saying where', () => {
    expect(modelSchema.safeParse({ ...fields, kind: 'telepathy' }).success).toBe(false);
    const broken = modelSchema.safeParse({ ...fields, kind: 'subflow' });
    expect(broken.success).toBe(false);
    expect(broken.error?.issues[0]?.path).toEqual(['flowId']);
  });
});

describe('the kind registry', () => {
  it('lists every built-in kind, each registered as an extension of its own', () => {
    const { registry } = createKindRegistry();
    expect(registry.all().map((k) => k.key)).toEqual([
      'script',
      'llm',
      'human',
      'branch',
      'gate',
      'subflow',
      'quest',
      'handoff',
      'listen',
      'imported',
    ]);
    expect(registry.registered().map((e) => e.id)).toEqual(BUILT_IN_KINDS.map((k) => `built-in.${k.key}`));
    expect(registry.templates().map((t) => t.template.key)).toEqual([
      'llm',
      'human',
      'branch',
      'gate-quality',
      'gate-approval',
      'gate-budget',
      'subflow',
      'quest',
      'handoff',
      'listen',
    ]);
  });

  it('refuses a second extension with the same id, or a kind or template key that is taken, whole', () => {
    const { registry } = createKindRegistry();
    expect(() => registry.register({ id: 'built-in.llm', name: 'LLM again', version: '1.0.0', kinds: [] })).toThrow(
      /already registered \(LLM 1\.0\.0\)/,
    );
    expect(() =>
      registry.register({
        id: 'copycat',
        name: 'Copycat',
        version: '1.0.0',
        kinds: [{ ...scriptKind, extensionId: 'copycat' }],
      }),
    ).toThrow(/The kind “script” is already registered by Script/);
    expect(registry.registered().some((e) => e.id === 'copycat')).toBe(false);
    const { refused } = createKindRegistry([extension('csv', 'parse'), { ...extension('csv', 'parse'), name: 'Twin' }]);
    expect(refused).toEqual([{ extensionId: 'csv', reason: expect.stringMatching(/id “csv” is already registered/) }]);
  });

  it('an enabled extension’s kinds join the registry under <id>/<kind>; a disabled one’s do not', () => {
    const { registry } = createKindRegistry([
      extension('csv', 'parse'),
      { ...extension('off', 'parse'), enabled: false },
    ]);
    const model = { kind: 'extension' as const, extension: { id: 'csv', kind: 'parse' } };
    expect(kindKeyOf(model)).toBe('csv/parse');
    expect(registry.get('csv/parse')).toMatchObject({
      label: 'Parse',
      extensionId: 'csv',
      provided: { extensionName: 'Ext csv', version: '1.0.0', kind: 'parse' },
    });
    expect(registry.get('off/parse')).toBeUndefined();
    registry.unregister('csv');
    expect(registry.get('csv/parse')).toBeUndefined();
  });

  it('every template, built-in or from an extension, is a valid document of its kind', () => {
    const { registry } = createKindRegistry([extension('csv', 'parse')]);
    for (const { kind, template } of registry.templates()) {
      const parsed = parseJsoncWith(template.text(flows), template.document);
      expect(parsed.ok ? [] : parsed.issues, template.key).toEqual([]);
      if (parsed.ok) expect(kind.templateOf(parsed.value as never)).toBe(template.key);
    }
  });

  it('a definition may not carry a version, and may name the model it updates', () => {
    const human = createKindRegistry().registry.template('human')?.document;
    expect(
      human?.safeParse({ kind: 'human', name: 'H', inputs: [], outputs: [{ name: 'a', type: 'text' }], version: 2 })
        .success,
    ).toBe(false);
    expect(
      human?.safeParse({
        modelId: 'model_1',
        kind: 'human',
        name: 'H',
        inputs: [],
        outputs: [{ name: 'a', type: 'text' }],
      }).success,
    ).toBe(true);
  });
});
