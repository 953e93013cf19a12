import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkJsonc } from '../jsonc/jsoncCheck';
import { jsonSchemaWithIds } from '../jsonc/jsonSchemaWithIds';
import { flowIdSchema } from '../../core/events/primitives';
import { policiesDocumentSchema } from '../../core/policy/policy';
import { stepSettingsSchema } from '../../core/flow/stepSettings';
import { POLICIES_TEMPLATE } from '../policies/policiesTemplate';
import { EMPTY_STEP_SETTINGS } from '../stepSettings/stepSettingsText';
import { declaredKind } from './definitionDraft';
import { DEFINITION_KINDS, definitionSchema } from './definitionKinds';
import { definitionTemplate } from './definitionTemplates';

const flows = [{ id: 'flow_checks', label: 'Checks' }];

describe('the starting points people are given', () => {
  it.each(DEFINITION_KINDS.map((k) => k.kind))('the %s template is a valid definition of its kind', (kind) => {
    const text = definitionTemplate(kind, flows);
    const check = checkJsonc(text, definitionSchema(kind));
    expect(check.ok ? [] : check.issues).toEqual([]);
    expect(check.ok && declaredKind(check.value)).toBe(kind);
  });

  it('a definition may not carry a version, and may name the model it updates', () => {
    expect(definitionSchema('human').safeParse({ kind: 'human', name: 'H', inputs: [], outputs: [{ name: 'a', type: 'text' }], version: 2 }).success).toBe(false);
    expect(definitionSchema('human').safeParse({ modelId: 'model_1', kind: 'human', name: 'H', inputs: [], outputs: [{ name: 'a', type: 'text' }] }).success).toBe(true);
  });

  it('the policies template and the empty step settings are valid, and change nothing', () => {
    expect(checkJsonc(POLICIES_TEMPLATE, policiesDocumentSchema)).toEqual({ ok: true, value: { project: {}, flows: {} } });
    expect(checkJsonc(EMPTY_STEP_SETTINGS, stepSettingsSchema)).toEqual({ ok: true, value: {} });
  });

  it('id fields complete to the project’s ids, described by name', () => {
    const schema = jsonSchemaWithIds(z.strictObject({ flowId: flowIdSchema }), [[flowIdSchema, flows]], { flowId: 'The flow.' }) as { properties: { flowId: Record<string, unknown> } };
    expect(schema.properties.flowId).toMatchObject({ enum: ['flow_checks'], enumDescriptions: ['Checks'], description: 'The flow.' });
  });
});
