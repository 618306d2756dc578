// Chapter 15: the reader's own test set (drawn, labelled, kept across a reload, deleted), read by the
// bundled network and checked against the same network run here in Node on the stored drawings; and
// the depth cell, measured in the page's kernel worker.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { MLP, Matrix, argmax } from '../../src/engine/index.ts';

const CHAPTER = '/15-going-deeper/';

async function hydrated(page: Page) {
  const widget = page.getByTestId('my-digits');
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has([data-testid="my-digits"])')).not.toHaveAttribute('ssr', /.*/);
  await expect(widget.getByTestId('my-digits-model')).toHaveAttribute('data-source', 'bundled', { timeout: 30_000 });
  return widget;
}

/** A stroke across the pad, from and to fractions of its width and height. */
async function stroke(page: Page, from: [number, number], to: [number, number]) {
  const box = (await page.getByTestId('my-digits').getByTestId('digit-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 10 });
  await page.mouse.up();
}

/** What the widget stored, read straight from IndexedDB. */
function storedDigits(page: Page): Promise<{ label: number; pixels: number[] }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('nn-from-scratch-my-digits');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('digits').objectStore('digits').getAll();
          request.onsuccess = () => {
            resolve(request.result.map((d: { label: number; pixels: Uint8Array }) => ({ label: d.label, pixels: Array.from(d.pixels) })));
            open.result.close();
          };
        };
      }),
  );
}

test('draw and label digits, see the score and the mistakes, keep them over a reload, delete them', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(CHAPTER);
  let widget = await hydrated(page);
  await expect(widget.getByTestId('my-digits-score')).toContainText('No drawings kept yet');

  // An empty pad keeps nothing and says why.
  await widget.getByRole('button', { name: 'Keep as a 0' }).click();
  await expect(widget.getByTestId('my-digits-status')).toHaveText('The pad is empty: draw a digit first.');

  // A vertical stroke meant as a 1, by keyboard: focus the chosen digit (0) and step to 1.
  await widget.getByRole('radio', { name: '0' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.getByRole('radio', { name: '1' })).toBeChecked();
  await stroke(page, [0.5, 0.2], [0.5, 0.8]);
  await widget.getByRole('button', { name: 'Keep as a 1' }).click();
  await expect(widget.getByTestId('my-digits-status')).toContainText('Kept a 1. Next, draw a 2');
  await expect(widget.getByRole('radio', { name: '2' })).toBeChecked(); // the label moved on

  // The same stroke, meant as a 7: the network cannot know, and should count it as a mistake.
  await widget.getByRole('radio', { name: '7' }).check();
  await stroke(page, [0.5, 0.2], [0.5, 0.8]);
  await widget.getByRole('button', { name: 'Keep as a 7' }).click();
  await expect(widget.getByTestId('my-digits-list').locator('li')).toHaveCount(2);

  // The score is what the bundled network, run here on the stored drawings, says about them.
  const stored = await storedDigits(page);
  expect(stored.map((d) => d.label)).toEqual([1, 7]);
  const net = MLP.fromJSON(JSON.parse(readFileSync(new URL('../../src/models/bundled-mlp.json', import.meta.url), 'utf8')).network);
  const X = new Matrix(784, 2);
  stored.forEach((d, j) => d.pixels.forEach((v, p) => (X.data[p * 2 + j] = v / 255)));
  const read = argmax(net.forward(X), 0);
  expect(read[0]).toBe(1); // a vertical stroke reads as a 1 (chapter 12's pad says so too)
  const correct = read.filter((k, j) => k === stored[j].label).length;
  const expected = `The network reads ${correct} of your 2 digits as you meant them: ${((100 * correct) / 2).toFixed(1)}%.`;
  await expect(widget.getByTestId('my-digits-score')).toContainText(expected);
  await expect(widget.getByTestId('my-digits-score')).toContainText('Draw at least 8 more');
  expect(await widget.getByTestId('my-digits-list').locator('li').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-read'))))).toEqual(read);
  await expect(widget.getByTestId('my-digits-mistakes').locator('li')).toHaveText([new RegExp(`^You meant a 7; it read an? ${read[1]} \\([0-9.]+%\\)\\.$`)]);

  // Kept in the browser: a reload brings them back, with the same score.
  await page.reload();
  widget = await hydrated(page);
  await expect(widget.getByTestId('my-digits-list').locator('li')).toHaveCount(2);
  await expect(widget.getByTestId('my-digits-score')).toContainText(expected);

  // Deleting the 7 leaves the 1, read correctly; deleting all leaves nothing, in the store too.
  await widget.getByRole('button', { name: 'Delete drawing 2, a 7' }).click();
  await expect(widget.getByTestId('my-digits-score')).toContainText('The network reads 1 of your 1 digits as you meant them: 100.0%.');
  await expect(widget.getByTestId('my-digits-mistakes')).toHaveCount(0);
  await widget.getByRole('button', { name: 'Delete all my drawings' }).click();
  await expect(widget.getByTestId('my-digits-score')).toContainText('No drawings kept yet');
  expect(await storedDigits(page)).toEqual([]);
});

test('the widget passes axe in light and dark themes and fits a 390 px screen', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(CHAPTER);
  const widget = await hydrated(page);
  await stroke(page, [0.5, 0.2], [0.5, 0.8]);
  await widget.getByRole('button', { name: 'Keep as a 0' }).click();
  await expect(widget.getByTestId('my-digits-list').locator('li')).toHaveCount(1);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="my-digits"]').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious, theme).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await widget.getByRole('button', { name: 'Delete all my drawings' }).click();
});

test('the depth cell trains three networks in the page’s worker and times them there', async ({ page }) => {
  test.setTimeout(400_000);
  await page.goto(CHAPTER);
  const cell = page.locator('.nb-cell.nb-live:not([data-exercise]):not([data-solution])').nth(1);
  await cell.scrollIntoViewIfNeeded();
  await cell.locator('.nb-run').click();
  await expect(cell.locator('.nb-status')).toHaveText(/^Done/, { timeout: 360_000 });
  const output = cell.locator('.nb-output');
  await expect(output).toContainText('784–64–64–64–10');
  // each network has its parameter count, a time per epoch measured in the page, and the same step
  const text = (await output.textContent())!;
  for (const count of ['50890', '55050', '59210']) expect(text.replace(/,/g, '')).toContain(count);
  const seconds = [...text.matchAll(/secondsPerEpoch: ([0-9.]+)/g)].map((m) => Number(m[1]));
  expect(seconds).toHaveLength(3);
  for (const s of seconds) expect(s).toBeGreaterThan(0);
  expect(text.match(/step: "TypeScript step"/g)).toHaveLength(3);
  await expect(output.locator('canvas, svg').first()).toBeVisible();
});
