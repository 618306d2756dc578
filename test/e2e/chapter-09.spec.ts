// Chapter 9: the reader drags p, picks a true digit, drags a logit and steps the logits.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

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
