import { expect, test, type Page } from '@playwright/test';

const PATH = '/05-broadcasting/';

/** Scrolls a widget into view and waits until its island has hydrated (Astro drops `ssr`). */
async function hydrated(page: Page, testid: string) {
  const widget = page.getByTestId(testid);
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-testid="${testid}"])`)).not.toHaveAttribute('ssr', { timeout: 20_000 });
  return widget;
}

test('BroadcastPlayground: the rule per dimension, the result shape, and the engine’s exact error', async ({ page }) => {
  await page.goto(PATH);
  const widget = await hydrated(page, 'broadcast-playground');
  await expect(widget.getByTestId('bcast-result')).toContainText('(4, 3)');

  await widget.getByRole('button', { name: /wrong bias/ }).click();
  await expect(widget.getByTestId('bcast-result')).toHaveText('Error: add: cannot broadcast (16, 1) with (10, 1)');
  await expect(widget.getByTestId('verdict-rows')).toContainText('16 ≠ 10');
  await expect(widget.getByTestId('verdict-cols')).toContainText('equal');

  // type shapes with the keyboard: (3, 3) + (1, 3), the learner's example
  for (const [label, value] of [['A rows', '3'], ['A columns', '3'], ['B rows', '1'], ['B columns', '3']]) {
    const field = widget.getByLabel(label, { exact: true });
    await field.focus();
    await field.press('Control+a');
    await page.keyboard.type(value);
  }
  await expect(widget.getByTestId('bcast-result')).toContainText('(3, 3)');
  await expect(widget.getByTestId('verdict-rows')).toContainText('B’s 1 stretches to 3');
  // every row of the result reads row 0 of B: stride 0 along the rows
  const bGrid = widget.locator('table', { hasText: 'B read at' });
  await expect(bGrid.locator('tr')).toHaveText(['[0,0][0,1][0,2]', '[0,0][0,1][0,2]', '[0,0][0,1][0,2]']);

  await widget.getByRole('button', { name: /column \+ row/ }).click();
  await expect(widget.getByTestId('bcast-result')).toContainText('(4, 3)');
});

test('the bias stepper: every column of Z1 is W1·X plus the same b1', async ({ page }) => {
  await page.goto(PATH);
  const widget = await hydrated(page, 'broadcast-playground');
  const read = async (name: string) =>
    widget.getByRole('table', { name }).locator('tr').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => Number(td.textContent))),
    );
  const WX = await read('W1 times X, shape (16, 5)');
  const b1 = await read('b1, shape (16, 1)');
  const Z1 = await read('Z1, shape (16, 5)');
  expect(Z1.length).toBe(16);
  for (let i = 0; i < 16; i++) for (let j = 0; j < 5; j++) expect(Z1[i][j]).toBeCloseTo(WX[i][j] + b1[i][0], 5);

  await widget.getByRole('button', { name: 'Next column' }).click();
  await expect(widget.getByTestId('bcast-step-text')).toContainText('Column j = 1');
  const slider = widget.getByLabel('example (column) j');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(widget.getByTestId('bcast-step-text')).toContainText('Column j = 4');
  await expect(widget.getByRole('table', { name: 'Z1, shape (16, 5)' }).locator('td.bcast-lit')).toHaveCount(16);
});
