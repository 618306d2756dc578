import { expect, test, type Page } from '@playwright/test';

/** Waits until the island holding this element has hydrated (Astro removes its `ssr` attribute). */
async function hydrated(page: Page, testid: string) {
  await expect(page.locator(`astro-island:has([data-testid="${testid}"])`)).not.toHaveAttribute('ssr', { timeout: 30_000 });
}

const PATH = '/03-why-vectorise/';

test('VectoriseRace: races five ways (four in TypeScript, one in WebAssembly SIMD) of computing the same product in a worker and reports agreeing results', async ({ page }) => {
  await page.goto(PATH);
  const n = page.getByTestId('vr-n');
  await n.scrollIntoViewIfNeeded();
  await hydrated(page, 'vr-n');
  await n.fill('8');
  await page.getByTestId('vr-k').fill('60');
  await page.getByTestId('vr-m').fill('20');
  await expect(page.getByText('9,600 multiply-adds per product')).toBeVisible(); // 8·60·20
  await page.getByTestId('vr-run').click();
  await expect(page.getByTestId('vr-status')).toHaveText('Done.', { timeout: 60_000 });
  const rows = page.locator('.vr-row');
  await expect(rows).toHaveCount(5); // Chromium has WebAssembly SIMD
  for (const id of ['nested', 'flat', 'flat-ikj', 'engine', 'wasm-simd']) {
    const row = page.getByTestId(`vr-result-${id}`);
    expect(Number(await row.getAttribute('data-ms'))).toBeGreaterThan(0);
    expect(Number(await row.getAttribute('data-maxdiff'))).toBeLessThan(1e-4);
  }
  await expect(page.getByTestId('vr-result-nested').getByTestId('vr-speedup')).toHaveText('1.0×');
  const nestedMs = Number(await page.getByTestId('vr-result-nested').getAttribute('data-ms'));
  const engineMs = Number(await page.getByTestId('vr-result-engine').getAttribute('data-ms'));
  await expect(page.getByTestId('vr-result-engine').getByTestId('vr-speedup')).toHaveText(`${(nestedMs / engineMs).toFixed(1)}×`);
});

test('VectoriseRace: a preset fills the sizes, bad sizes are refused, and Stop ends a long race while the page stays responsive', async ({ page }) => {
  await page.goto(PATH);
  const preset = page.getByTestId('vr-preset');
  await preset.scrollIntoViewIfNeeded();
  await hydrated(page, 'vr-preset');
  await preset.selectOption({ label: 'square: (300, 300) · (300, 300)' });
  await expect(page.getByTestId('vr-n')).toHaveValue('300');
  await expect(page.getByTestId('vr-m')).toHaveValue('300');
  await page.getByTestId('vr-k').fill('0');
  await expect(page.getByTestId('vr-run')).toBeDisabled();
  await expect(page.getByText('Each size must be a whole number from 1 to 2000.')).toBeVisible();
  await page.getByTestId('vr-k').fill('2000');
  await page.getByTestId('vr-n').fill('1000');
  await page.getByTestId('vr-run').click();
  await expect(page.getByTestId('vr-status')).toContainText('Racing');
  // The main thread is free while the worker computes: the page still answers within a frame or two.
  const ms = await page.evaluate(() => new Promise<number>((resolve) => {
    const t0 = performance.now();
    requestAnimationFrame(() => resolve(performance.now() - t0));
  }));
  expect(ms).toBeLessThan(500);
  await page.getByTestId('vr-stop').click();
  await expect(page.getByTestId('vr-status')).toContainText('Stopped');
  await expect(page.getByTestId('vr-run')).toBeEnabled();
});
