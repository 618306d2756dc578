import { expect, test } from '@playwright/test';

test('the contents page shows opened chapters, and "Reset my progress" forgets them', async ({ page }) => {
  await page.goto('/');
  const first = page.locator('.toc-entry').first();
  await expect(first.locator('[data-progress]')).toHaveText(/^Not opened yet/);
  await expect(page.locator('[data-model-summary]')).toHaveText(/No trained network yet/);
  await expect(page.locator('[data-progress-summary]')).toHaveText(/You have opened 0 of \d+ chapters/);

  await first.locator('a').first().click();
  await page.waitForLoadState('load');
  await page.goto('/');
  await expect(first.locator('[data-progress]')).toHaveText(/^Opened/);
  await expect(page.locator('[data-progress-summary]')).toHaveText(/You have opened 1 of \d+ chapters/);
  await expect(page.locator('.toc-entry').nth(1).locator('[data-progress]')).toHaveText(/^Not opened yet/);

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Reset my progress' }).click();
  await expect(first.locator('[data-progress]')).toHaveText(/^Not opened yet/);
  await page.reload();
  await expect(first.locator('[data-progress]')).toHaveText(/^Not opened yet/);
});

test('declining the reset keeps the progress', async ({ page }) => {
  await page.goto('/01-what-a-digit-looks-like/');
  await page.goto('/');
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('button', { name: 'Reset my progress' }).click();
  await expect(page.locator('.toc-entry').first().locator('[data-progress]')).toHaveText(/^Opened/);
});

test('passing an exercise in its own cell shows on the contents page', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/01-what-a-digit-looks-like/');
  const exercise = page.locator('.nb-cell[data-exercise]').first();
  const name = (await exercise.getAttribute('data-exercise'))!;
  const solution = page.locator(`.nb-cell[data-solution="${name}"] pre`);
  const code = (await solution.textContent())!;
  await exercise.locator('.nb-edit').click();
  const content = exercise.locator('.cm-content');
  await expect(content).toBeVisible();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  await exercise.locator('.nb-run').click();
  await expect(exercise.locator('.nb-check.nb-pass').first()).toBeVisible({ timeout: 60_000 });

  await page.goto('/');
  const entry = page.locator('.toc-entry').first();
  const total = (await entry.getAttribute('data-exercises'))!.split(' ').length;
  await expect(entry.locator('[data-progress]')).toHaveText(`Opened · 1 of ${total} exercises passed`);
});
