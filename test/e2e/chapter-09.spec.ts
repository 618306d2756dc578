// Chapter 9: the reader drags p, picks a true digit, drags a logit and steps the logits.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { BADLY_WRONG, MILDLY_WRONG, trainNeuron } from '../../components/widgets/slow-learning.ts';

const num = async (page: Page, id: string) => Number((await page.getByTestId(id).textContent())!.trim());

// Independent float64 softmax of the widget's logits.
function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
const START = [0.2, 1.5, 0.1, -0.4, 0.3, -0.8, -0.2, 2.6, 0.4, 0.5];

test.beforeEach(async ({ page }) => {
  await page.goto('/09-cross-entropy/');
  await page.locator('.cex').scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has(.cex)')).not.toHaveAttribute('ssr', /.*/);
});

test('dragging p: the loss is −log p, and binary cross-entropy gives the same number', async ({ page }) => {
  const p = page.getByRole('slider', { name: 'p, probability of the true class' });
  for (const value of [0.2, 0.5, 0.9, 1, 0.01]) {
    await p.fill(String(value));
    expect(await num(page, 'cex-ce')).toBeCloseTo(-Math.log(value), 3);
    expect(await num(page, 'cex-bce')).toBeCloseTo(-Math.log(value), 3);
  }
  await p.focus();
  await p.press('ArrowRight'); // 0.01 → 0.02
  expect(await num(page, 'cex-ce')).toBeCloseTo(-Math.log(0.02), 3);
});

test('ten classes: the gradient bars are ŷ − y for the chosen true digit', async ({ page }) => {
  await page.getByTestId('cex-label').selectOption('4');
  const yhat = softmax(START);
  for (let k = 0; k < 10; k++) {
    expect(await num(page, `cex-yhat-${k}`)).toBeCloseTo(yhat[k], 2);
    expect(await num(page, `cex-y-${k}`)).toBe(k === 4 ? 1 : 0);
    expect(await num(page, `cex-grad-${k}`)).toBeCloseTo(yhat[k] - (k === 4 ? 1 : 0), 2);
  }
  expect(await num(page, 'cex-loss')).toBeCloseTo(-Math.log(yhat[4]), 3);
});

test('dragging a logit and stepping against ŷ − y lowers the loss', async ({ page }) => {
  await page.getByTestId('cex-picked').selectOption('1');
  await page.getByRole('slider', { name: 'logit z of digit 1' }).fill('3');
  const z = START.map((v, k) => (k === 1 ? 3 : v));
  const yhat = softmax(z);
  expect(await num(page, 'cex-loss')).toBeCloseTo(-Math.log(yhat[1]), 3);
  const before = await num(page, 'cex-loss');
  await page.getByTestId('cex-step').click();
  const stepped = z.map((v, k) => v - (yhat[k] - (k === 1 ? 1 : 0)));
  const after = await num(page, 'cex-loss');
  expect(after).toBeCloseTo(-Math.log(softmax(stepped)[1]), 3);
  expect(after).toBeLessThan(before);
});

test('the widget passes axe in light and dark themes and fits a 390 px screen', async ({ page }) => {
  test.setTimeout(240_000); // axe over a whole widget is slow on a busy machine
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const { violations } = await new AxeBuilder({ page }).include('.cex').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious, theme).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

/** One sigmoid neuron trained in float64 by hand, independent of the engine: a after `steps` steps. */
function neuronByHand(loss: 'mse' | 'ce', start: { w: number; b: number }, steps: number) {
  let { w, b } = start;
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  for (let s = 0; s < steps; s++) {
    const a = sig(w + b); // x = 1, y = 0
    const dz = loss === 'mse' ? a * a * (1 - a) : a; // (a − y)·σ′(z) or a − y
    w -= 0.15 * dz;
    b -= 0.15 * dz;
  }
  const a = sig(w + b);
  return { a, sp: a * (1 - a) };
}

test('SlowLearning: squared error stalls where σ′ is tiny, cross-entropy does not; values match the engine', async ({ page }) => {
  await page.goto('/09-cross-entropy/');
  const widget = page.getByTestId('slow-learning');
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has([data-testid="slow-learning"])')).not.toHaveAttribute('ssr', /.*/);
  const read = async (id: string) => Number(await widget.getByTestId(`slow-${id}`).textContent());

  // by keyboard: from epoch 0, Page Up / arrows to epoch 100
  const slider = widget.getByTestId('slow-epoch');
  await slider.focus();
  await page.keyboard.press('Home');
  for (let k = 0; k < 100; k++) await page.keyboard.press('ArrowRight');
  await expect(widget.getByRole('table')).toContainText('after 100 steps');

  const engine = { mse: trainNeuron('mse', BADLY_WRONG), ce: trainNeuron('ce', BADLY_WRONG) };
  for (const loss of ['mse', 'ce'] as const) {
    await expect(widget.getByTestId(`slow-${loss}-a`)).toHaveText(engine[loss].a[100].toFixed(4));
    await expect(widget.getByTestId(`slow-${loss}-dz`)).toHaveText(engine[loss].dz[100].toFixed(4));
    const hand = neuronByHand(loss, BADLY_WRONG, 100);
    expect(await read(`${loss}-a`)).toBeCloseTo(hand.a, 3);
    expect(await read(`${loss}-sp`)).toBeCloseTo(hand.sp, 3);
  }
  expect(await read('mse-a')).toBeGreaterThan(0.95); // still confidently wrong
  expect(await read('ce-a')).toBeLessThan(0.05);

  // mildly wrong: squared error's output has moved well down by epoch 100 too
  await widget.getByLabel(/mildly wrong/).check();
  await expect(widget.getByTestId('slow-mse-a')).toHaveText(trainNeuron('mse', MILDLY_WRONG).a[100].toFixed(4));
  expect(await read('mse-a')).toBeCloseTo(neuronByHand('mse', MILDLY_WRONG, 100).a, 3);
  expect(await read('mse-a')).toBeLessThan(0.3);
});

test('SlowLearning passes axe in light and dark themes and fits a 390 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/09-cross-entropy/');
  await page.getByTestId('slow-learning').scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has([data-testid="slow-learning"])')).not.toHaveAttribute('ssr', /.*/);
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="slow-learning"]').analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
