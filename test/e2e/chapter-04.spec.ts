import { expect, test, type Page } from '@playwright/test';
import { deepActivations } from '../../src/worker/deep-activations.ts';

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

/** Each layer's standard deviation, once the worker's latest result is shown. */
async function std(page: Page): Promise<number[]> {
  await expect(page.locator('.initexp-layers')).toHaveAttribute('aria-busy', 'false');
  return (await page.getByTestId('layer-std').allTextContents()).map(Number);
}

const height = async (page: Page) => (await page.getByTestId('init-explorer').boundingBox())!.height;

test('InitExplorer: unscaled randn saturates or explodes, ×0.01 vanishes, Xavier/He stay healthy', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto(PATH);
  const widget = await hydrated(page, 'init-explorer');
  await expect(widget.getByTestId('init-layer')).toHaveCount(10);
  const before = await height(page);

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

  // the forward passes ran in the explorer's worker, and the widget kept its height throughout
  expect(workers.filter((url) => url.includes('deep-activations-worker'))).toHaveLength(1);
  expect(await height(page)).toBe(before);
});

test('InitExplorer: the first view comes with the page, before any script runs', async ({ browser }) => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  await page.goto(PATH);
  const widget = page.getByTestId('init-explorer');
  await expect(widget.getByTestId('init-layer')).toHaveCount(10);
  await expect(widget.getByTestId('init-verdict')).toContainText('saturated');
  for (const s of await std(page)) expect(s).toBeGreaterThan(0.9);
  await page.close();
});

test('InitExplorer: at 390 px the widget keeps its height while it computes and after every result', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(PATH);
  const widget = await hydrated(page, 'init-explorer');
  const before = await height(page);
  const verdict = widget.getByTestId('init-verdict');
  for (const [act, init, word] of [['relu', 'randn (unscaled)', 'exploding'], ['relu', 'small (× 0.01)', 'vanishing'], ['tanh', 'He √(2/n_in)', 'healthy']]) {
    await widget.getByLabel(act, { exact: true }).check();
    await widget.getByLabel(init).check();
    expect(await height(page)).toBe(before); // while the worker computes
    await expect(verdict).toContainText(word);
    expect(await height(page)).toBe(before);
  }
});

test('InitExplorer: each layer’s gradient dWℓ, for every initialiser, is the engine’s backward pass', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(PATH);
  const widget = await hydrated(page, 'init-explorer');
  const before = await height(page);
  for (const act of ['tanh', 'relu'] as const) {
    await widget.getByLabel(act, { exact: true }).check();
    for (const [init, label] of [['randn', 'randn (unscaled)'], ['small', 'small (× 0.01)'], ['xavier', 'Xavier/LeCun √(1/n_in)'], ['he', 'He √(2/n_in)']] as const) {
      await widget.getByLabel(label).check();
      await std(page); // waits for this setting's result
      const shown = (await widget.getByTestId('layer-grad').allTextContents()).map(Number);
      const expected = deepActivations({ act, init }).layers.map((l) => l.gradStd);
      expect(shown).toHaveLength(10);
      // printed with two significant digits: agree to within rounding
      shown.forEach((g, l) => expect(Math.abs(g - expected[l]) / expected[l]).toBeLessThan(0.06));
      expect(await height(page)).toBe(before);
    }
  }
});
