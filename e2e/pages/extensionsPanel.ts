import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { ProjectMenu } from './projectMenu';

export type SampleExtension = 'csv-tools' | 'http-request';

/** A sample extension file exactly as it ships in examples/extensions/. */
export function sampleFile(sample: SampleExtension): { name: string; text: string } {
  const name = `${sample}.conductor-extension.json`;
  return { name, text: readFileSync(resolve('examples/extensions', name), 'utf8') };
}

/** Project ▾ → Extensions…, as a person uses it. */
export class ExtensionsPanel {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Extensions' });
  }

  async open(): Promise<void> {
    await new ProjectMenu(this.page).choose('Extensions…');
    await expect(this.dialog).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
  }

  /** One installed extension's card, by its name. */
  card(name: string): Locator {
    return this.dialog.getByRole('region', { name, exact: true });
  }

  state(name: string): Locator {
    return this.card(name).getByLabel(/^State: /);
  }

  /** The install step a chosen file leads to (its manifest, or its problems). */
  get install(): Locator {
    return this.dialog.getByRole('region', { name: 'Install extension' });
  }

  /** Chooses a file with the panel's “Install from file…” picker. */
  async chooseFile(file: { name: string; text: string }): Promise<void> {
    await this.dialog
      .getByLabel('Extension file')
      .setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  }

  /** Drops a file on the panel, as dragging it from the desktop does. */
  async dropFile(file: { name: string; text: string }): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ([name, text]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type: 'application/json' }));
        return transfer;
      },
      [file.name, file.text] as const,
    );
    for (const type of ['dragenter', 'dragover', 'drop']) await this.dialog.dispatchEvent(type, { dataTransfer });
  }

  /** Installs a shipped sample: pick the file, read its manifest, approve and install. */
  async installSample(sample: SampleExtension, name: string): Promise<void> {
    await this.chooseFile(sampleFile(sample));
    await expect(this.install).toContainText(name);
    await this.install.getByRole('button', { name: 'Approve and install' }).click();
    await expect(this.dialog.getByRole('status')).toContainText(`Installed “${name}”`);
    await expect(this.state(name)).toHaveText('Enabled');
    await expect(this.dialog.getByRole('button', { name: 'Install from file…' })).toBeFocused();
  }

  async press(button: string): Promise<void> {
    await this.dialog.getByRole('button', { name: button, exact: true }).click();
  }
}
