import { expect, test } from '@playwright/test';

test('a chapter prints without buttons or navigation, with its maths and code intact', async ({ page }) => {
  await page.goto('/01-what-a-digit-looks-like/');
  await page.emulateMedia({ media: 'print' });
  for (const control of ['.site-header', '.chapter-nav', '.pager', '.nb-run']) {
    await expect(page.locator(control).first()).toBeHidden();
  }
  expect(await page.locator('button:visible').count()).toBe(0);
  await expect(page.locator('.katex-display').first()).toBeVisible();
  await expect(page.locator('pre.astro-code').first()).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  expect(pdf.length).toBeGreaterThan(50_000);
});
