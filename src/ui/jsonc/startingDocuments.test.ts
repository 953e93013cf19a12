import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkJsonc } from './jsoncCheck';
import { jsonSchemaWithIds } from './jsonSchemaWithIds';
import { flowIdSchema } from '../../core/events/primitives';
import { policiesDocumentSchema } from '../../core/policy/policy';
import { stepSettingsSchema } from '../../core/flow/stepSettings';
import { POLICIES_TEMPLATE } from '../policies/policiesTemplate';
import { EMPTY_STEP_SETTINGS } from '../stepSettings/stepSettingsText';
import { createKindRegistry } from '../../core/kinds/builtinKinds';
import { declaredKind, definitionSchema } from '../modelEditor/definitionKinds';

const flows = [{ id: 'flow_checks', label: 'Checks' }];

// Model templates are checked in src/core/kinds/kindRegistry.test.ts; these are the editors' own.
describe('the starting points people are given', () => {
  it('each model template is recognised by the editor as its own kind, and checks clean', () => {
    const kinds = createKindRegistry().registry;
    for (const { template } of kinds.templates()) {
      const check = checkJsonc(template.text(flows), definitionSchema(kinds, template.key) ?? z.never());
      expect(check.ok ? [] : check.issues).toEqual([]);
      expect(check.ok && declaredKind(kinds, check.value)).toBe(template.key);
    }
  });

  it('the policies template and the empty step settings are valid, and change nothing', () => {
    expect(checkJsonc(POLICIES_TEMPLATE, policiesDocumentSchema)).toEqual({
      ok: true,
      value: { project: {}, flows: {} },
    });
    expect(checkJsonc(EMPTY_STEP_SETTINGS, stepSettingsSchema)).toEqual({ ok: true, value: {} });
  });

  it('id fields complete to the project’s ids, described by name', () => {
    const schema = jsonSchemaWithIds(z.strictObject({ flowId: flowIdSchema }), [[flowIdSchema, flows]], {
      flowId: 'The flow.',
    }) as { properties: { flowId: Record<string, unknown> } };
    expect(schema.properties.flowId).toMatchObject({
      enum: ['flow_checks'],
      enumDescriptions: ['Checks'],
      description: 'The flow.',
    });
  });
});
