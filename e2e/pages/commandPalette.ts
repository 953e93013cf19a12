import { expect, type Locator, type Page } from '@playwright/test';

/** The command palette as a person meets it: a dialog with a search box over a list of commands. */
export class CommandPalette {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Command palette' });
  }

  get search(): Locator {
    return this.dialog.getByRole('combobox');
  }

  get list(): Locator {
    return this.dialog.getByRole('listbox');
  }

  option(name: string | RegExp): Locator {
    return this.list.getByRole('option', { name });
  }

  async open(keys: 'Control+K' | 'Control+Shift+P' = 'Control+K'): Promise<void> {
    await this.page.keyboard.press(keys);
    await expect(this.search).toBeFocused();
  }

  /** Opens the palette, types part of a command, checks which comes first, and runs it with Enter. */
  async runCommand(
    typed: string,
    expectedFirst: string | RegExp,
    keys: 'Control+K' | 'Control+Shift+P' = 'Control+K',
  ): Promise<void> {
    await this.open(keys);
    await this.search.fill(typed);
    await expect(this.list.getByRole('option').first()).toHaveAccessibleName(expectedFirst);
    await this.search.press('Enter');
    await expect(this.dialog).toBeHidden();
  }
}
