// Chapter 14: the reader draws augmented copies of a training image and sets their limits.
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

test.beforeEach(async ({ page }) => {
  await page.goto('/14-overfitting-and-regularisation/');
  await page.getByTestId('aug').scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has([data-testid="aug"])')).not.toHaveAttribute('ssr', /.*/);
  await expect(page.getByTestId('aug-copy')).toHaveCount(8, { timeout: 30_000 });
});

test('eight copies within the limits; limits of 0 leave every copy unchanged', async ({ page }) => {
  const captions = async () => page.getByTestId('aug-copy').locator('span').allTextContents();
  for (const caption of await captions()) {
    // "2 right, 1 up, 7° clockwise": shifts at most 2, turns at most 12°
    for (const [, n] of caption.matchAll(/(\d+) (?:right|left|up|down)/g)) expect(Number(n)).toBeLessThanOrEqual(2);
    for (const [, d] of caption.matchAll(/(\d+)°/g)) expect(Number(d)).toBeLessThanOrEqual(12);
  }
  const before = await captions();
  await page.getByTestId('aug-new').click();
  await expect.poll(captions).not.toEqual(before);

  for (const name of ['largest shift (pixels)', 'largest turn (degrees)']) {
    const slider = page.getByRole('slider', { name });
    await slider.focus();
    await slider.press('Home');
  }
  await expect.poll(captions).toEqual(Array(8).fill('unchanged'));
});

test('Next image changes the original, and each copy has an accessible description', async ({ page }) => {
  const original = page.locator('.aug-original canvas');
  const first = await original.getAttribute('aria-label');
  await page.getByTestId('aug-next').press('Enter');
  await expect(original).not.toHaveAttribute('aria-label', first!);
  await expect(page.getByTestId('aug-copy').first().locator('canvas')).toHaveAttribute('aria-label', /^Copy 1: /);
});

test('the widgets pass axe in light and dark themes and fits a 390 px screen', async ({ page }) => {
  test.setTimeout(240_000);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="aug"]').include('[data-testid="cures"]').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious, theme).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the training panel trains with weight decay and dropout, and says the TypeScript step ran them', async ({ page }) => {
  test.setTimeout(180_000);
  const panel = page.getByTestId('training-panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId('mnist-loaded')).toContainText('10,000 training images', { timeout: 30_000 });
  const epochs = panel.getByLabel('Epochs', { exact: true });
  await epochs.fill('2');
  await epochs.blur();
  await panel.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(panel.getByTestId('engine')).toHaveText('(TypeScript step: the WebAssembly step has no weight decay)', { timeout: 150_000 });
  await expect(panel.getByTestId('val-accuracy')).toHaveCount(2);
});

test('the cure comparison trains one cure in the worker and shows training, validation and their gap', async ({ page }) => {
  test.setTimeout(180_000);
  const cures = page.getByTestId('cures');
  await cures.scrollIntoViewIfNeeded();
  await expect(cures.getByTestId('cures-data')).toHaveText('1,000 training images, 2,000 validation images', { timeout: 30_000 });
  await cures.getByRole('button', { name: 'Train: Augmentation, 4 copies (8 epochs)' }).press('Enter');
  const gap = cures.getByTestId('cure-augment-gap');
  await expect(gap).toBeVisible({ timeout: 150_000 });
  const percent = async (id: string) => Number((await cures.getByTestId(id).textContent())!.replace('%', ''));
  const training = await percent('cure-augment-training'), validation = await percent('cure-augment-validation');
  expect(validation).toBeGreaterThan(89); // the chapter's cell: about 91.6%
  expect(training).toBeGreaterThan(validation);
  expect(Number(await gap.textContent())).toBeCloseTo(training - validation, 0);
  await expect(cures.getByTestId('cures-live')).toContainText('Augmentation, 4 copies (8 epochs): training');
  await expect(cures.getByTestId('cure-none-training')).toHaveText('–'); // only the asked-for cure ran
});
