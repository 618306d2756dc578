import { expect, test } from '@playwright/test';

test('search: "/" opens it, a term finds the chapter and heading, and the link lands there', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the chapters' });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole('searchbox');
  await expect(input).toBeFocused();
  await input.fill('centre of mass');
  const hit = dialog.locator('.search-results li', { hasText: 'What a digit looks like to a computer' });
  await expect(hit).toBeVisible();
  const heading = hit.locator('.search-heading', { hasText: 'What MNIST’s digits look like' });
  await expect(heading).toBeVisible();
  await input.press('ArrowDown');
  await expect(dialog.locator('.search-results a').first()).toBeFocused();
  await heading.click();
  await expect(page).toHaveURL(/\/01-what-a-digit-looks-like\/#what-mnists-digits-look-like$/);
  await expect(page.getByRole('heading', { name: 'What MNIST’s digits look like' })).toBeInViewport();
});

test('search: Ctrl+K opens it from a chapter, Escape closes it, and nonsense finds nothing', async ({ page }) => {
  await page.goto('/01-what-a-digit-looks-like/');
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search the chapters' });
  await dialog.getByRole('searchbox').fill('qwxzvbnm');
  await expect(dialog.getByRole('status')).toHaveText('Nothing found for “qwxzvbnm”');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
