import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { TestStudio } from '../../core/testing/testStudio';
import { matchingActions } from './matchingActions';
import { mockActionHandlers } from './mockActionHandlers';
import { studioActions, type ActionContext } from './studioActions';

const csvTools = readFileSync(
  resolve(import.meta.dirname, '../../../examples/extensions/csv-tools.conductor-extension.json'),
  'utf8',
);

const handlers = mockActionHandlers;

/** A project with two models and two flows, optionally with the csv-tools extension enabled. */
async function project({ extension = false } = {}) {
  const studio = await new TestStudio(sha256, {}).open();
  await studio.model('shout', ['text'], ['loud'], 'shout');
  await studio.model('count words', ['text'], ['n'], 'count');
  const main = await studio.do({ type: 'createFlow', name: 'Main' });
  await studio.do({ type: 'createFlow', name: 'Review' });
  if (extension) await studio.do({ type: 'installExtension', file: csvTools, approve: true });
  return { defs: studio.definitions, main };
}

const context = (over: Partial<ActionContext> & Pick<ActionContext, 'defs'>): ActionContext => ({
  flowId: undefined,
  projectId: 'p_here',
  projects: [
    { projectId: 'p_here', name: 'This one' },
    { projectId: 'p_other', name: 'Churn study' },
  ],
  canEdit: true,
  ...over,
});

describe('the command palette’s actions', () => {
  it('lists running, one Add per model by name, one New model per kind, the panels, the project menu, other flows and projects, and the theme', async () => {
    const { defs, main } = await project();
    const titles = studioActions(context({ defs, flowId: main }), handlers()).map((a) => a.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Run',
        'Run with…',
        'Undo',
        'Redo',
        'Select all steps',
        'Tidy up',
        'Add step: count words',
        'Add step: shout',
        'New model: Script',
        'New model: LLM',
        'New model: Gate — approval',
        'Open Intents',
        'Open Policies',
        'Open Gaps',
        'Open Inbox',
        'Open History',
        'Export…',
        'Import…',
        'Share link…',
        'Extensions…',
        'Settings…',
        'New project: Empty project',
        'New project: Example: software pipeline',
        'New project: Example: customer churn',
        'New project: Example: venture pipeline',
        'New project: Example: release checks',
        'New project: Function Quest',
        'Open Function Quest',
        'New flow…',
        'Switch to flow: Review',
        'Switch to project: Churn study',
        'Toggle light / dark theme',
        'Keyboard shortcuts',
      ]),
    );
    // Not the flow or project already shown.
    expect(titles).not.toContain('Switch to flow: Main');
    expect(titles).not.toContain('Switch to project: This one');
    // Ids are unique: the palette tells items apart by them.
    const ids = studioActions(context({ defs, flowId: main }), handlers()).map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows the shortcuts the buttons have', async () => {
    const { defs, main } = await project();
    const byTitle = new Map(studioActions(context({ defs, flowId: main }), handlers()).map((a) => [a.title, a]));
    expect(byTitle.get('Run')?.shortcut).toBe('Ctrl+Enter');
    expect(byTitle.get('Undo')?.shortcut).toBe('Ctrl+Z');
    expect(byTitle.get('Select all steps')?.shortcut).toBe('Ctrl+A');
    expect(byTitle.get('Keyboard shortcuts')?.shortcut).toBe('?');
    expect(byTitle.get('Tidy up')?.shortcut).toBe('Shift+Alt+L');
  });

  it('offers a new model of each kind an enabled extension adds, as New model ▾ does', async () => {
    const { defs } = await project({ extension: true });
    const newModels = studioActions(context({ defs }), handlers()).filter((a) => a.group === 'New model');
    const extensionOnes = newModels.filter((a) => a.keywords?.includes('extension'));
    expect(extensionOnes.length).toBeGreaterThan(0);
    expect(newModels.length).toBeGreaterThan(extensionOnes.length);
  });

  it('runs each action through its handler, with the model, panel, item, flow or project it names', async () => {
    const { defs, main } = await project();
    const on = handlers();
    const actions = studioActions(context({ defs, flowId: main }), on);
    const run = (title: string) => actions.find((a) => a.title === title)?.run();
    run('Run');
    run('Add step: shout');
    run('New model: LLM');
    run('Open Policies');
    run('Share link…');
    run('Switch to flow: Review');
    run('Switch to project: Churn study');
    run('Toggle light / dark theme');
    run('Tidy up');
    run('New flow…');
    run('New project: Example: customer churn');
    expect(on.run).toHaveBeenCalledOnce();
    expect(on.tidyUp).toHaveBeenCalledOnce();
    expect(on.newFlow).toHaveBeenCalledOnce();
    expect(on.newProject).toHaveBeenCalledWith('churn');
    const shout = [...defs.models.values()].find((m) => m.name === 'shout');
    expect(on.addStep).toHaveBeenCalledWith(shout?.modelId);
    expect(on.newModel).toHaveBeenCalledWith('llm');
    expect(on.showPanel).toHaveBeenCalledWith('policies');
    expect(on.projectMenu).toHaveBeenCalledWith('share');
    const review = [...defs.flows.values()].find((f) => f.name === 'Review');
    expect(on.openFlow).toHaveBeenCalledWith(review?.flowId);
    expect(on.openProject).toHaveBeenCalledWith('p_other');
    expect(on.toggleTheme).toHaveBeenCalledOnce();
  });

  it('leaves out what changes the project when this tab only follows it', async () => {
    const { defs, main } = await project();
    const actions = studioActions(context({ defs, flowId: main, canEdit: false }), handlers());
    const groups = new Set(actions.map((a) => a.group));
    expect(groups.has('Run')).toBe(false);
    expect(groups.has('Add a step')).toBe(false);
    expect(groups.has('New model')).toBe(false);
    expect(actions.map((a) => a.title)).not.toContain('Tidy up');
    expect(actions.map((a) => a.title)).not.toContain('New flow…');
    // Looking around still works.
    expect(actions.map((a) => a.title)).toEqual(
      expect.arrayContaining(['Open Policies', 'Export…', 'Switch to flow: Review']),
    );
  });

  it('has nothing to run or add when the project has no flow', async () => {
    const { defs } = await project();
    const titles = studioActions(context({ defs, flowId: undefined }), handlers()).map((a) => a.title);
    expect(titles).not.toContain('Run');
    expect(titles.some((t) => t.startsWith('Add step:'))).toBe(false);
    expect(titles).not.toContain('Open History');
  });
});

describe('searching the actions', () => {
  it('puts the best fuzzy match first, across groups', async () => {
    const { defs, main } = await project();
    const actions = studioActions(context({ defs, flowId: main }), handlers());
    const first = (search: string) => matchingActions(actions, search)[0]?.title;
    expect(first('ru')).toBe('Run');
    expect(first('polic')).toBe('Open Policies');
    expect(first('count')).toBe('Add step: count words');
    expect(first('shrlnk')).toBe('Share link…');
    expect(first('new llm')).toBe('New model: LLM');
    expect(matchingActions(actions, 'zzzzqq')).toEqual([]);
    expect(matchingActions(actions, '  ')).toHaveLength(actions.length);
  });
});
