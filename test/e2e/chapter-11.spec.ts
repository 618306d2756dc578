import { expect, test, type Page } from '@playwright/test';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { evaluate } from '../../src/engine/index.ts';
import { CELLS, SEARCH, trainCell } from '../../src/worker/search.ts';

/** Scrolls a widget into view and waits until its island has hydrated (Astro drops `ssr` then). */
async function hydrated(page: Page, testId: string, nth = 0) {
  const widget = page.getByTestId(testId).nth(nth);
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-testid="${testId}"])`).nth(nth)).not.toHaveAttribute('ssr', /.*/);
  return widget;
}

const count = async (page: Page, key: string) => Number(await page.getByTestId(`split-${key}`).getAttribute('data-count'));

test('the split bar follows the panel’s rule: 2,000 validation images of 10,000, 10,000 of 60,000', async ({ page }) => {
  await page.goto('/11-training-and-validation/');
  const bar = await hydrated(page, 'data-split-bar');
  expect([await count(page, 'train'), await count(page, 'val'), await count(page, 'test')]).toEqual([8000, 2000, 10000]);
  await expect(page.getByTestId('split-unused')).toHaveCount(0); // all 8,000 non-validation images are used
  await bar.getByLabel('all 60,000').check();
  await expect(page.getByTestId('split-val')).toHaveAttribute('data-count', '10000');
  // 60,000 loaded, 10,000 held out, 8,000 used: 42,000 left out of this run
  expect(await count(page, 'unused')).toBe(42000);
  const slider = bar.getByLabel('training images used');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('split-train')).toHaveAttribute('data-count', '50000');
  await expect(page.getByTestId('split-unused')).toHaveCount(0);
  // the four parts always account for every image: 60,000 training + 10,000 test
  expect((await count(page, 'train')) + (await count(page, 'val')) + (await count(page, 'test'))).toBe(70000);
});

test('the overfitting panel stops early, `patience` epochs after the lowest validation loss', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/11-training-and-validation/');
  const panel = await hydrated(page, 'training-panel', 1);
  await expect(panel.getByTestId('mnist-loaded')).toBeVisible({ timeout: 60_000 });
  await panel.getByRole('button', { name: 'Train', exact: true }).click();
  const early = panel.getByTestId('early-stop');
  await expect(early).toBeVisible({ timeout: 150_000 });
  const [, stoppedAt, best] = (await early.textContent())!.match(/after epoch (\d+) and restored the parameters of epoch (\d+)/)!.map(Number);
  expect(stoppedAt).toBe(best + 5); // patience 5, as the panel's defaults in the chapter set it
  // independently: the best epoch is the row with the lowest validation loss in the table
  const valLosses = await panel.getByTestId('epoch-table').locator('tbody tr td:nth-of-type(2)').allTextContents();
  const numbers = valLosses.map(Number);
  expect(numbers).toHaveLength(stoppedAt);
  expect(numbers.indexOf(Math.min(...numbers)) + 1).toBe(best);
  // and the validation loss did turn up: the last epoch is worse than the best
  expect(numbers[numbers.length - 1]).toBeGreaterThan(numbers[best - 1]);
});

test('the search marks the best validation accuracy as chosen, and only then tests that network, once', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/11-training-and-validation/');
  const search = await hydrated(page, 'validation-search');
  const finalTest = search.getByTestId('search-final-test');
  await expect(finalTest).toBeDisabled();
  await expect(search.getByTestId('search-test-accuracy')).toHaveCount(0);
  // by keyboard, as a reader without a mouse would
  await search.getByTestId('search-start').focus();
  await page.keyboard.press('Enter');
  await expect(search.getByTestId('search-chosen')).toHaveCount(1, { timeout: 150_000 });
  // The choice is made and the test images are still unseen.
  await expect(search.getByTestId('search-test-accuracy')).toHaveCount(0);
  const values = (id: string) => search.getByTestId(id).evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-value'))));
  const accuracies = await values('search-val-accuracy');
  expect(accuracies).toHaveLength(CELLS.length);
  const chosen = search.locator('td[data-chosen="true"]');
  const chosenAccuracy = Number(await chosen.getByTestId('search-val-accuracy').getAttribute('data-value'));
  expect(chosenAccuracy).toBe(Math.max(...accuracies));
  const cell = CELLS[Number((await chosen.getAttribute('data-testid'))!.replace('search-cell-', ''))];
  await expect(search.getByTestId('search-status')).toContainText(`h = ${cell.width}, η = ${cell.learningRate}`);

  // The same cell trained here by the engine's TypeScript step gives the numbers the table shows.
  const data = { train: mnistSubset('train', 0, SEARCH.trainSize), val: mnistSubset('train', SEARCH.valStart, SEARCH.valSize) };
  const { net, result } = await trainCell(cell, data);
  if (result.kind !== 'done') throw new Error('the chosen cell diverged in Node');
  expect(chosenAccuracy).toBeCloseTo(result.valAccuracy, 2);
  expect(Number(await chosen.getByTestId('search-val-loss').getAttribute('data-value'))).toBeCloseTo(result.valLoss, 2);

  await finalTest.focus();
  await page.keyboard.press('Enter');
  const shown = search.getByTestId('search-test-accuracy');
  await expect(shown).toHaveCount(1, { timeout: 60_000 });
  expect(Number(await shown.getAttribute('data-value'))).toBeCloseTo(evaluate(net, mnistSubset('test', 0, 10_000)).accuracy, 2);
  await expect(search.getByTestId('search-test')).toContainText(`h = ${cell.width}, η = ${cell.learningRate}`);
  await expect(finalTest).toBeDisabled(); // one final test
});
