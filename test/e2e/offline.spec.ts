import { expect, test } from '@playwright/test';

// After one visit, the service worker has cached the whole site; with the network off, a chapter
// reloads, its cell runs, and MNIST comes from the cache the data loader filled on that first visit.
test('offline: load, go offline, reload a chapter and run a cell that reads MNIST', async ({ page, context }) => {
  test.setTimeout(120_000);
  const chapter = '/01-what-a-digit-looks-like/';
  await page.goto(chapter);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload(); // now controlled by the worker
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  const cell = page.locator('.nb-cell.nb-live:not([data-exercise]):not([data-solution])').first();
  await cell.locator('.nb-run').click();
  await expect(cell.locator('.nb-output')).toContainText('label: 5', { timeout: 60_000 });

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('h1')).toHaveText('What a digit looks like to a computer');
  await expect(page.locator('.katex').first()).toBeVisible();
  await cell.locator('.nb-run').click();
  await expect(cell.locator('.nb-output')).toContainText('label: 5', { timeout: 60_000 });

  await page.goto('/07-softmax/');
  await expect(page.locator('h1')).toHaveText('Softmax');
  await page.goto('/no-such-page/');
  await expect(page.locator('h1')).toHaveText('This page does not exist');
  await context.setOffline(false);
});
