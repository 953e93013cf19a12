import { describe, expect, it } from 'vitest';
import { displayName, resolveName } from '../flow/referenceNames';
import { resolveSettingsNames, settingsWithNames, type SettingsScope } from './stepSettingsNames';
import type { StepSettings } from '../flow/stepSettings';

const scope: SettingsScope = {
  models: [
    { id: 'm_1', name: 'Writer' },
    { id: 'm_2', name: 'Backup writer' },
    { id: 'm_3', name: 'Twin' },
    { id: 'm_4', name: 'Twin' },
    { id: 'm_5', name: 'm_1' },
  ],
  steps: [
    { id: 's_code', name: 'Code' },
    { id: 's_tests', name: 'Tests' },
  ],
};

describe('resolveName', () => {
  it('takes an exact id first, then the one item of that name', () => {
    expect(resolveName('m_2', scope.models, 'model')).toEqual({ ok: true, id: 'm_2' });
    expect(resolveName('Backup writer', scope.models, 'model')).toEqual({ ok: true, id: 'm_2' });
    // A model named like another's id: the id wins, so an old document keeps meaning what it meant.
    expect(resolveName('m_1', scope.models, 'model')).toEqual({ ok: true, id: 'm_1' });
  });

  it('refuses an unknown or an ambiguous name with a sentence that says what to do', () => {
    const unknown = resolveName('Nobody', scope.models, 'model');
    expect(unknown).toMatchObject({ ok: false });
    expect(!unknown.ok && unknown.message).toContain(
      'no model is called “Nobody” (there are “Writer”, “Backup writer”',
    );
    const twin = resolveName('Twin', scope.models, 'model');
    expect(!twin.ok && twin.message).toBe('2 models are called “Twin”; rename one, or write its id (m_3, m_4)');
  });
});

describe('displayName', () => {
  it('shows a unique name, and the id when the name would not lead back to it', () => {
    expect(displayName('m_2', scope.models)).toBe('Backup writer');
    expect(displayName('m_3', scope.models)).toBe('m_3');
    expect(displayName('m_5', scope.models)).toBe('m_5');
    expect(displayName('m_gone', scope.models)).toBe('m_gone');
  });
});

describe('step settings by name', () => {
  const stored: StepSettings = {
    critical: false,
    fallbacks: ['m_2' as never, 'm_3' as never],
    rebuild: { model: 'm_1' as never, from: [{ stepId: 's_code' as never, port: 'code', as: 'code' }] },
  };

  it('renders ids as names, and resolving the rendering gives back the stored ids', () => {
    const shown = settingsWithNames(stored, scope);
    expect(shown).toEqual({
      critical: false,
      fallbacks: ['Backup writer', 'm_3'],
      rebuild: { model: 'Writer', from: [{ stepId: 'Code', port: 'code', as: 'code' }] },
    });
    expect(resolveSettingsNames(shown, scope)).toEqual({ value: stored, problems: [] });
  });

  it('a rename changes what is shown, not what is stored', () => {
    const renamed: SettingsScope = {
      ...scope,
      models: scope.models.map((m) => (m.id === 'm_2' ? { ...m, name: 'Spare' } : m)),
    };
    expect(settingsWithNames(stored, renamed).fallbacks).toEqual(['Spare', 'm_3']);
    expect(resolveSettingsNames({ fallbacks: ['Spare'] }, renamed).value).toEqual({ fallbacks: ['m_2'] });
  });

  it('places each name it cannot resolve at its path, and leaves other values to the schema', () => {
    const { value, problems } = resolveSettingsNames(
      {
        fallbacks: ['Writer', 'Ghost', 7],
        rebuild: { model: 'Twin', from: [{ stepId: 'Nowhere', port: 'p', as: 'a' }, 'odd'] },
      },
      scope,
    );
    expect(problems.map((p) => p.path.join('.'))).toEqual(['fallbacks.1', 'rebuild.model', 'rebuild.from.0.stepId']);
    expect(problems[2]?.message).toContain('no step of this flow is called “Nowhere”');
    expect(value).toEqual({
      fallbacks: ['m_1', 'Ghost', 7],
      rebuild: { model: 'Twin', from: [{ stepId: 'Nowhere', port: 'p', as: 'a' }, 'odd'] },
    });
    expect(resolveSettingsNames('not an object', scope)).toEqual({ value: 'not an object', problems: [] });
  });
});
