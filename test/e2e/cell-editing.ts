// How the e2e tests reach and edit a page's cells, as a reader does with the mouse and keyboard.
import { expect, type Locator, type Page } from '@playwright/test';

/** The page's runnable cells that are neither an exercise nor its solution. */
export function plainCells(page: Page): Locator {
  return page.locator('.nb-cell.nb-live:not([data-exercise]):not([data-solution])');
}

/** Opens the cell's editor and replaces all of its code with `code`. */
export async function replaceCode(page: Page, cell: Locator, code: string): Promise<void> {
  const edit = cell.locator('.nb-edit');
  if (await edit.isVisible()) await edit.click();
  const content = cell.locator('.cm-content');
  await expect(content).toBeVisible();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}
