import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** Every page of the site: the contents, one per chapter file, and the 404 page (as a file, so it
 * loads with status 200; its 404 status is tested separately). */
export const sitePaths: string[] = [
  '/',
  ...readdirSync('content/chapters')
    .filter((file) => file.endsWith('.mdx'))
    .sort()
    .map((file) => `/${file.replace(/\.mdx$/, '')}/`),
  '/404.html',
];

/** Collects console errors and failed requests while a page is used. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}
