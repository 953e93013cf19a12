import { expect, type Locator, type Page } from '@playwright/test';

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

  async newProject(kind: 'Empty project' | 'Example: software pipeline'): Promise<void> {
    await this.page.getByRole('button', { name: 'New project' }).click();
    await this.page.getByRole('menuitem', { name: kind }).click();
  }

  /** Clicks a step's title, which selects it without starting a drag. */
  async selectStep(label: string): Promise<void> {
    await this.step(label).locator('.step-node__label').click();
  }

  /** Drags from an output port of one step to an input port of another, as a person would. */
  async connect(from: string, output: string, to: string, input: string): Promise<void> {
    await this.step(from).getByLabel(`output ${output}`).dragTo(this.step(to).getByLabel(`input ${input}`));
  }

  /** Drags a model from the palette onto the canvas at a point relative to the canvas. */
  async dropModel(modelName: string, at: { x: number; y: number }): Promise<void> {
    await this.page.getByRole('region', { name: 'Models' }).getByRole('listitem').filter({ hasText: modelName }).dragTo(this.canvas, { targetPosition: at });
  }
}
