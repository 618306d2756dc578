// Chapter 8: the reader steps gradient descent by hand, tries the learning-rate presets and the surface.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const read = async (page: Page, id: string) => (await page.getByTestId(id).textContent())!.trim();
const num = async (page: Page, id: string) => Number(await read(page, id));
const pair = async (page: Page, id: string) => (await read(page, id)).replace(/[()]/g, '').split(',').map(Number);

// The chapter's bowl, L(w) = (w − 2)² + 1, written out independently of the engine.
const L = (w: number) => (w - 2) ** 2 + 1;
const dL = (w: number) => 2 * (w - 2);

test.beforeEach(async ({ page }) => {
  await page.goto('/08-loss-and-gradient-descent/');
  await page.locator('.dx').scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has(.dx)')).not.toHaveAttribute('ssr', /.*/);
});

test('Step moves w against the derivative: −2 → 0.4 → 1.36 with η = 0.3', async ({ page }) => {
  expect(await num(page, 'dx-w')).toBe(-2);
  expect(await num(page, 'dx-slope')).toBeCloseTo(dL(-2), 4);
  expect(await num(page, 'dx-next')).toBeCloseTo(-0.3 * dL(-2), 4); // positive: the slope is negative
  await page.getByTestId('dx-step').click();
  await expect(page.getByTestId('dx-steps')).toHaveText('1');
  expect(await num(page, 'dx-w')).toBeCloseTo(0.4, 4);
  expect(await num(page, 'dx-L')).toBeCloseTo(L(0.4), 4);
  await page.getByTestId('dx-step').press('Enter');
  expect(await num(page, 'dx-w')).toBeCloseTo(1.36, 4);
  await expect(page.getByTestId('dx-status')).toContainText('Slope negative, so the step goes right');
});

test('the learning-rate slider works from the keyboard and scales the step', async ({ page }) => {
  const eta = page.getByRole('slider', { name: 'learning rate η' });
  await eta.focus();
  for (let i = 0; i < 30; i++) await eta.press('ArrowLeft'); // log10 η: −0.52 → −0.82
  const shown = Number((await eta.getAttribute('aria-valuetext'))!);
  expect(shown).toBeCloseTo(10 ** -0.82, 2);
  expect(await num(page, 'dx-next')).toBeCloseTo(-shown * dL(-2), 3);
});

test('presets: oscillating jumps across the minimum, diverging leaves the plot', async ({ page }) => {
  await page.getByRole('button', { name: /^oscillating/ }).click();
  const sides: number[] = [];
  for (let i = 0; i < 4; i++) {
    await page.getByTestId('dx-step').click();
    sides.push(Math.sign((await num(page, 'dx-w')) - 2));
  }
  expect(sides).toEqual([1, -1, 1, -1]);

  await page.getByRole('button', { name: /^diverging/ }).click();
  await expect(page.getByTestId('dx-steps')).toHaveText('0');
  const run = page.getByTestId('dx-run');
  await expect(run).toHaveText('Run');
  await run.click();
  await expect(page.getByTestId('dx-status')).toContainText('left the plot', { timeout: 15_000 });
  await expect(page.getByTestId('dx-status')).toContainText('so running stops here');
  // It stopped by itself: Run is back, cannot start again off the plot, and no more steps are taken.
  await expect(run).toHaveText('Run');
  await expect(run).toBeDisabled();
  const stoppedAt = await page.getByTestId('dx-steps').textContent();
  await page.getByTestId('dx-step').click(); // a step by hand still works, and is the only one taken
  await expect(page.getByTestId('dx-steps')).toHaveText(String(Number(stoppedAt) + 1));
  const w = await num(page, 'dx-w');
  expect(Math.abs(w - 2)).toBeGreaterThan(5);
  expect(await num(page, 'dx-L')).toBeGreaterThan(L(-2));
});

test('the narrow valley: one step is −η times the gradient in both directions', async ({ page }) => {
  await page.getByTestId('dx-loss').selectOption({ label: 'A narrow valley' });
  await expect(page.locator('.dx canvas')).toBeVisible();
  expect(await pair(page, 'dx-w')).toEqual([-3.5, 2.5]);
  // L = ½(w1² + 10 w2²): gradient (w1, 10 w2) = (−3.5, 25); good preset η = 0.09
  expect(await pair(page, 'dx-slope')).toEqual([-3.5, 25]);
  await page.getByTestId('dx-step').click();
  const [w1, w2] = await pair(page, 'dx-w');
  expect(w1).toBeCloseTo(-3.5 + 0.09 * 3.5, 3);
  expect(w2).toBeCloseTo(2.5 - 0.09 * 25, 3);
});

test('the widget passes axe in light and dark themes and fits a 390 px screen', async ({ page }) => {
  test.setTimeout(240_000); // axe over a whole widget is slow on a busy machine
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const { violations } = await new AxeBuilder({ page }).include('.dx').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious, theme).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
