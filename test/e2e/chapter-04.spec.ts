import { expect, test, type Page } from '@playwright/test';

const PATH = '/04-weights-and-shapes/';

/** Scrolls a widget into view and waits until its island has hydrated (Astro drops `ssr`). */
async function hydrated(page: Page, testid: string) {
  const widget = page.getByTestId(testid);
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-testid="${testid}"])`)).not.toHaveAttribute('ssr', { timeout: 20_000 });
  return widget;
}

test('WeightShapes: picking sizes updates every shape and the parameter count', async ({ page }) => {
  await page.goto(PATH);
  const widget = await hydrated(page, 'weight-shapes');
  await expect(widget.getByTestId('shape-W1')).toHaveText('(16, 784)');
  await expect(widget.getByTestId('param-count')).toHaveText('12,730');

  await widget.getByLabel('hidden units h').selectOption('32');
  await expect(widget.getByTestId('shape-W1')).toHaveText('(32, 784)');
  await expect(widget.getByTestId('shape-b1')).toHaveText('(32, 1)');
  await expect(widget.getByTestId('shape-W2')).toHaveText('(10, 32)');
  // by hand: 784·32 + 32 + 32·10 + 10
  await expect(widget.getByTestId('param-count')).toHaveText((784 * 32 + 32 + 32 * 10 + 10).toLocaleString('en'));

  const inputs = widget.getByLabel('inputs i');
  await inputs.fill('100');
  await widget.getByLabel('outputs').fill('3');
  await expect(widget.getByTestId('shape-W1')).toHaveText('(32, 100)');
  await expect(widget.getByTestId('shape-b2')).toHaveText('(3, 1)');
  await expect(widget.getByTestId('param-count')).toHaveText((100 * 32 + 32 + 32 * 3 + 3).toLocaleString('en'));
});

const std = async (page: Page) =>
  (await page.getByTestId('layer-std').allTextContents()).map(Number);

test('InitExplorer: unscaled randn saturates or explodes, ×0.01 vanishes, Xavier/He stay healthy', async ({ page }) => {
  await page.goto(PATH);
  const widget = await hydrated(page, 'init-explorer');
  await expect(widget.getByTestId('init-layer')).toHaveCount(10);

  // tanh + unscaled randn: every unit near ±1, so the spread is close to 1 in every layer
  await expect(widget.getByTestId('init-verdict')).toContainText('saturated');
  for (const s of await std(page)) expect(s).toBeGreaterThan(0.9);

  // keyboard: move through the initialiser radios with the arrow keys
  await widget.getByLabel('randn (unscaled)').focus();
  await page.keyboard.press('ArrowDown'); // small (× 0.01)
  await expect(widget.getByLabel('small (× 0.01)')).toBeChecked();
  await expect(widget.getByTestId('init-verdict')).toContainText('vanishing');
  const small = await std(page);
  // each layer shrinks by about √(256·1e-4) = 0.16 (tanh ≈ identity near 0)
  for (let l = 1; l < 10; l++) expect(small[l] / small[l - 1]).toBeLessThan(0.25);

  await widget.getByLabel('relu').check();
  await widget.getByLabel('randn (unscaled)').check();
  await expect(widget.getByTestId('init-verdict')).toContainText('exploding');
  const big = await std(page);
  expect(big[9]).toBeGreaterThan(1e9);
  // ≈ √(256/2) ≈ 11.3 per layer
  expect(big[9] / big[8]).toBeGreaterThan(8);
  expect(big[9] / big[8]).toBeLessThan(15);

  await widget.getByLabel('He √(2/n_in)').check();
  await expect(widget.getByTestId('init-verdict')).toContainText('healthy');
  const he = await std(page);
  expect(he[9] / he[0]).toBeGreaterThan(0.5);
  expect(he[9] / he[0]).toBeLessThan(2);

  await widget.getByLabel('Xavier/LeCun √(1/n_in)').check();
  const xavier = await std(page);
  // ReLU under Xavier halves the variance per layer: std × (1/√2)^9 ≈ 0.044 over nine steps
  expect(xavier[9] / xavier[0]).toBeGreaterThan(0.01);
  expect(xavier[9] / xavier[0]).toBeLessThan(0.1);
});
