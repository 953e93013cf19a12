import { expect, type Locator, type Page } from '@playwright/test';

/** The run timeline under the canvas, as a person uses it. */
export class TimelinePage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('region', { name: 'Timeline' });
  }

  get slider(): Locator {
    return this.root.getByLabel('Timeline position');
  }

  /** Moves the cursor to the first event whose description matches `text`. */
  async scrubTo(text: RegExp): Promise<void> {
    const max = Number(await this.slider.getAttribute('max'));
    for (let i = 0; i <= max; i++) {
      await this.slider.fill(String(i));
      if (text.test((await this.slider.getAttribute('aria-valuetext')) ?? '')) return;
    }
    throw new Error(`No event on the timeline matches ${String(text)}`);
  }

  async expectAt(text: RegExp): Promise<void> {
    await expect(this.slider).toHaveAttribute('aria-valuetext', text);
  }
}
