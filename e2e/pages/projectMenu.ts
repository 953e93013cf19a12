import { expect, type Locator, type Page } from '@playwright/test';

/** The Project menu and its dialogs (Export…, Import…, Share link…, Storage, API keys…, Signing keys…, Settings…), as a person uses them. */
export class ProjectMenu {
  constructor(readonly page: Page) {}

  async choose(
    item:
      'Export…' | 'Import…' | 'Share link…' | 'Extensions…' | 'Storage' | 'API keys…' | 'Signing keys…' | 'Settings…',
  ): Promise<void> {
    await this.page.getByRole('button', { name: 'Project ▾' }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  dialog(title: string): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  /** Exports the open project and returns the downloaded file's text and name. */
  async exportProject(contents: 'Everything' | 'Definitions only'): Promise<{ name: string; text: string }> {
    await this.choose('Export…');
    const dialog = this.dialog('Export project');
    await dialog.getByRole('radio', { name: new RegExp(`^${contents}`) }).check();
    const downloading = this.page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const download = await downloading;
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    await expect(dialog).toBeHidden();
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  /** Who signed the file being imported, as the Import dialog says it before anything is written. */
  get importSignature(): Locator {
    return this.dialog('Import project').getByRole('region', { name: 'Signature' });
  }

  /** Presses Import once the dialog shows what the file holds and who signed it. */
  async confirmImport(): Promise<void> {
    await this.dialog('Import project').getByRole('button', { name: 'Import', exact: true }).click();
  }

  /** Delivers a file through the file picker; the Import dialog then checks it and asks to confirm. */
  /** Project ▾ → Settings…: turns “Continue interrupted runs automatically” on or off and saves. */
  async setAutoContinue(on: boolean): Promise<void> {
    await this.choose('Settings…');
    const dialog = this.dialog('Project settings');
    await dialog.getByRole('checkbox', { name: 'Continue interrupted runs automatically' }).setChecked(on);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }

  async importFile(name: string, text: string): Promise<void> {
    const choosing = this.page.waitForEvent('filechooser');
    await this.choose('Import…');
    await (await choosing).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  /** Drops a file on the studio, as dragging it from the desktop does (then confirm, as with the picker). */
  async dropFile(name: string, text: string): Promise<void> {
    await this.page.evaluate(
      ([fileName, content]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], fileName, { type: 'application/json' }));
        const target = document.querySelector('.react-flow__pane') ?? document.body;
        for (const type of ['dragenter', 'dragover', 'drop'])
          target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      },
      [name, text] as const,
    );
  }
}
