// Chapter 13: the reader races SGD, momentum and Adam on the narrow valley, by button and keyboard.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const pair = async (page: Page, id: string) => (await page.getByTestId(id).textContent())!.trim().replace(/[()]/g, '').split(',').map(Number);

// The valley L = ½(w1² + 10·w2²) from (−3.5, 2.5), its gradient (w1, 10·w2) = (−3.5, 25) there,
// and one step of each rule written out by hand.
const G = [-3.5, 25];

test.beforeEach(async ({ page }) => {
  await page.goto('/13-momentum-and-adam/');
  await page.locator('.race').scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has(.race)')).not.toHaveAttribute('ssr', /.*/);
});

test('one step of each: SGD −η·g, momentum −η·v with v = g, Adam η in each direction', async ({ page }) => {
  for (const key of ['sgd', 'momentum', 'adam']) expect(await pair(page, `race-${key}-w`)).toEqual([-3.5, 2.5]);
  await page.getByTestId('race-step').click();
  await expect(page.getByTestId('race-steps')).toHaveText('1');
  const sgd = await pair(page, 'race-sgd-w'); // η = 0.18
  expect(sgd[0]).toBeCloseTo(-3.5 - 0.18 * G[0], 3);
  expect(sgd[1]).toBeCloseTo(2.5 - 0.18 * G[1], 3);
  const momentum = await pair(page, 'race-momentum-w'); // η = 0.09; the first v is the gradient
  expect(momentum[0]).toBeCloseTo(-3.5 - 0.09 * G[0], 3);
  expect(momentum[1]).toBeCloseTo(2.5 - 0.09 * G[1], 3);
  const adam = await pair(page, 'race-adam-w'); // η = 0.3: m̂/√v̂ = ±1 on the first step
  expect(adam[0]).toBeCloseTo(-3.2, 3);
  expect(adam[1]).toBeCloseTo(2.2, 3);
});

test('Run races to the end; momentum is first below 0.01, at step 7, then SGD at 19', async ({ page }) => {
  test.setTimeout(90_000);
  await page.getByTestId('race-run').click();
  await expect(page.getByTestId('race-momentum-reached')).toHaveText('at step 7', { timeout: 20_000 });
  await expect(page.getByTestId('race-sgd-reached')).toHaveText('at step 19', { timeout: 20_000 });
  await expect(page.getByTestId('race-status')).toContainText('First below 0.01: Momentum, at step 7');
  await page.getByTestId('race-run').click(); // pause
  await expect(page.getByTestId('race-run')).toHaveText('Run');
  await page.getByTestId('race-reset').click();
  await expect(page.getByTestId('race-steps')).toHaveText('0');
  await expect(page.getByTestId('race-momentum-reached')).toHaveText('not yet');
});

test('from the keyboard: β to 0 makes momentum plain descent; unticking bias correction makes Adam\'s first step 3.16 × η', async ({ page }) => {
  const beta = page.getByRole('slider', { name: 'β' });
  await beta.focus();
  await beta.press('Home');
  await expect(beta).toHaveAttribute('aria-valuetext', '0.00');
  await page.getByTestId('race-bias-correction').press('Space');
  await expect(page.getByTestId('race-bias-correction')).not.toBeChecked();
  await page.getByTestId('race-step').press('Enter');
  await page.getByTestId('race-step').press('Enter');
  // β = 0: two plain steps with η = 0.09, each multiplying w1 by 0.91 and w2 by 0.1
  const momentum = await pair(page, 'race-momentum-w');
  expect(momentum[0]).toBeCloseTo(-3.5 * 0.91 ** 2, 3);
  expect(momentum[1]).toBeCloseTo(2.5 * 0.1 ** 2, 3);
  await page.getByTestId('race-reset').press('Enter');
  await page.getByTestId('race-step').press('Enter');
  // uncorrected: m = 0.1·g, v = 0.001·g², step η·0.1/√0.001 = 0.3 · 3.162 in each direction
  const adam = await pair(page, 'race-adam-w');
  expect(adam[0]).toBeCloseTo(-3.5 + 0.3 * 0.1 / Math.sqrt(0.001), 2);
  expect(adam[1]).toBeCloseTo(2.5 - 0.3 * 0.1 / Math.sqrt(0.001), 2);
});

test('the widget passes axe in light and dark themes and fits a 390 px screen', async ({ page }) => {
  test.setTimeout(240_000);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const { violations } = await new AxeBuilder({ page }).include('.race').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious, theme).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the contents page lists the chapter under Part II', async ({ page }) => {
  await page.goto('/');
  const part = page.locator('.toc-part', { hasText: 'Part II' });
  await expect(part).toBeVisible();
  await expect(page.locator('.toc-part + .toc').last().getByRole('link', { name: /^13\b.*Learning faster: momentum and Adam/ })).toBeVisible();
});
