import type { Page } from '@playwright/test';

/** Every page of the site: the contents, each chapter it links to, and the 404 page. */
export async function sitePages(page: Page): Promise<string[]> {
  await page.goto('/');
  const hrefs = await page.locator('.toc a').evaluateAll((links) =>
    links.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
  );
  return ['/', ...hrefs, '/no-such-page/'];
}

/** Collects console errors and failed requests while a page is used. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    const notFoundPage = response.request().isNavigationRequest() && response.url().includes('/no-such-page/');
    if (response.status() >= 400 && !notFoundPage) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}
