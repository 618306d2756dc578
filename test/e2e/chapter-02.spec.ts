import { expect, test, type Page } from '@playwright/test';

/** Waits until the island holding this element has hydrated (Astro removes its `ssr` attribute). */
async function hydrated(page: Page, testid: string) {
  await expect(page.locator(`astro-island:has([data-testid="${testid}"])`)).not.toHaveAttribute('ssr', { timeout: 30_000 });
}

const PATH = '/02-labels-one-hot/';

test('OneHotLabels: wrong answers cost by distance with number labels, the same with one-hot labels', async ({ page }) => {
  await page.goto(PATH);
  const label = page.getByTestId('ohl-label');
  await label.scrollIntoViewIfNeeded();
  await hydrated(page, 'ohl-label');
  await label.selectOption('1');
  const cost = (k: number, kind: 'number' | 'onehot') => page.getByTestId(`ohl-cost-${k}`).getByTestId(kind);
  await expect(cost(7, 'number')).toHaveText('18.0'); // ½(7 − 1)²
  await expect(cost(2, 'number')).toHaveText('0.5'); // ½(2 − 1)²
  await expect(cost(1, 'number')).toHaveText('0.0');
  for (const k of [0, 2, 7, 9]) await expect(cost(k, 'onehot')).toHaveText('1.0'); // ½·‖e_k − e_1‖² = ½·2
  await expect(cost(1, 'onehot')).toHaveText('0.0');
  await label.selectOption('9');
  await expect(cost(0, 'number')).toHaveText('40.5'); // ½·81
});

test('OneHotLabels: the best number for a mix of 1s and 9s is their mean; one-hot keeps both classes', async ({ page }) => {
  await page.goto(PATH);
  const slider = page.getByTestId('ohl-nines');
  await slider.scrollIntoViewIfNeeded();
  await hydrated(page, 'ohl-nines');
  await expect(page.getByTestId('ohl-mean-number')).toHaveText('5.00');
  await expect(page.getByTestId('ohl-number-digit')).toHaveText('5');
  await expect(page.getByTestId('ohl-onehot-digit')).toHaveText('1'); // a tie: argmax takes the first
  await expect(page.getByTestId('ohl-mean-onehot-5')).toHaveText('0.00');
  await slider.focus();
  for (let k = 0; k < 5; k++) await slider.press('ArrowRight'); // 15 nines, 5 ones
  await expect(page.getByTestId('ohl-mean-number')).toHaveText('7.00'); // (15·9 + 5·1)/20
  await expect(page.getByTestId('ohl-number-digit')).toHaveText('7');
  await expect(page.getByTestId('ohl-mean-onehot-9')).toHaveText('0.75');
  await expect(page.getByTestId('ohl-mean-onehot-1')).toHaveText('0.25');
  await expect(page.getByTestId('ohl-onehot-digit')).toHaveText('9');
});

test('OneHotLabels: encodes a batch into Y (10, m), decodes it back, and names a bad label', async ({ page }) => {
  await page.goto(PATH);
  const field = page.getByTestId('ohl-labels');
  await field.scrollIntoViewIfNeeded();
  await hydrated(page, 'ohl-labels');
  await field.fill('3 3 7 0');
  await expect(page.getByTestId('ohl-y-shape')).toHaveText('(10, 4)');
  await expect(page.getByTestId('ohl-decoded')).toHaveText('[3, 3, 7, 0]');
  const cells = await page.getByTestId('ohl-y').locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td')).map((td) => Number(td.textContent))),
  );
  const expected = Array.from({ length: 10 }, (_, k) => [3, 3, 7, 0].map((l) => (l === k ? 1 : 0)));
  expect(cells).toEqual(expected);
  await field.fill('3 12');
  await expect(page.getByTestId('ohl-encode-error')).toContainText('label 12 at index 1 is out of range');
});

test('OneHotLabels: argmax follows the largest score', async ({ page }) => {
  await page.goto(PATH);
  await expect(page.getByTestId('ohl-argmax')).toHaveText('1');
  const seven = page.getByTestId('ohl-score-7');
  await seven.scrollIntoViewIfNeeded();
  await hydrated(page, 'ohl-score-7');
  await seven.focus();
  await seven.press('End'); // score 100 for digit 7
  await expect(page.getByTestId('ohl-argmax')).toHaveText('7');
  // 100 / (1 + 62 + 2 + 1 + 3 + 1 + 2 + 100 + 3 + 5) = 100 / 180
  await expect(page.getByTestId('ohl-p-7')).toHaveText((100 / 180).toFixed(2));
  await expect(page.getByTestId('ohl-p-1')).toHaveText((62 / 180).toFixed(2));
});
