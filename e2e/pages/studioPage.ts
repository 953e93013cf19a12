import { expect, type Locator, type Page } from '@playwright/test';
import { setMonacoText } from '../support/monacoEditor';

/** The studio as a person sees it: regions, buttons and labels, no CSS selectors where a name will do. */
export class StudioPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/');
    await expect(this.page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
    return this;
  }

  step(label: string): Locator {
    return this.page.getByRole('region', { name: `Step ${label}`, exact: true });
  }

  stepStatus(label: string): Locator {
    return this.step(label).getByLabel('status');
  }

  get inspector(): Locator {
    return this.page.getByRole('complementary', { name: 'Inspector' });
  }

  get canvas(): Locator {
    return this.page.locator('.react-flow__pane');
  }

  run(index: number): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^Run ${index}: `) });
  }

  async pressRun(): Promise<void> {
    await this.page.getByRole('button', { name: /^Run( again)?$/ }).click();
  }

  async newProject(
    kind:
      | 'Empty project'
      | 'Example: software pipeline'
      | 'Example: customer churn'
      | 'Example: venture pipeline'
      | 'Example: release checks'
      | 'Function Quest',
  ): Promise<void> {
    await this.page.getByRole('button', { name: 'New project' }).click();
    await this.page.getByRole('menuitem', { name: kind }).click();
  }

  /** Clicks a step's title, which selects it without starting a drag. */
  async selectStep(label: string): Promise<void> {
    await this.step(label).locator('.step-node__label').click();
  }

  /** Drags from an output port of one step to an input port of another, as a person would. */
  async connect(from: string, output: string, to: string, input: string): Promise<void> {
    await this.step(from)
      .getByLabel(`output ${output}`)
      .dragTo(this.step(to).getByLabel(`input ${input}`));
  }

  /** Drags a model from the palette onto the canvas at a point relative to the canvas. */
  async dropModel(modelName: string, at: { x: number; y: number }): Promise<void> {
    await this.page
      .getByRole('region', { name: 'Models' })
      .getByRole('listitem')
      .filter({ hasText: modelName })
      .dragTo(this.canvas, { targetPosition: at });
  }

  get modelEditor(): Locator {
    return this.page.getByRole('complementary', { name: 'Model editor' });
  }

  /** Creates a script model through the model editor, writing its code in Monaco. */
  async createModel(model: {
    name: string;
    input?: string;
    output?: string;
    code: string;
    timeoutMs?: number;
  }): Promise<void> {
    await this.page.getByRole('button', { name: 'New model' }).click();
    await this.page.getByRole('menuitem', { name: 'Script' }).click();
    const editor = this.modelEditor;
    await editor.getByLabel('Model name').fill(model.name);
    if (model.input) await editor.getByLabel('Input 1 name').fill(model.input);
    if (model.output) await editor.getByLabel('Output 1 name').fill(model.output);
    if (model.timeoutMs) await editor.getByLabel('Timeout (ms)').fill(String(model.timeoutMs));
    await setMonacoText(this.page, 'Model code', model.code);
    await editor.getByRole('button', { name: 'Save model' }).click();
    await expect(editor.getByText('Saved as version 1')).toBeVisible();
    await this.page.keyboard.press('Escape');
    await expect(this.inspector).toBeVisible();
  }

  /** A new empty project, with one model (from `code`) on the canvas as one step. */
  async projectWithOneStep(model: { name: string; code: string; timeoutMs?: number }): Promise<void> {
    await this.newProject('Empty project');
    await expect(this.page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
    await this.createModel(model);
    await this.page.getByRole('button', { name: `Add ${model.name} to the flow` }).click();
    await expect(this.step(model.name)).toBeVisible();
  }
}
