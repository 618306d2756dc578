import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { MLP, argmax, confusionMatrix, train } from '../../src/engine/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { SEARCHED, topImages } from '../../src/worker/hidden-units.ts';
import { readFileSync } from 'node:fs';

/** Scrolls a widget into view and waits until its island has hydrated (Astro drops `ssr` then). */
async function hydrated(page: Page, testId: string) {
  const widget = page.getByTestId(testId).first();
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-testid="${testId}"])`).first()).not.toHaveAttribute('ssr', /.*/);
  return widget;
}

/** The 10,000 validation images: training images 50,000 … 59,999. */
const validation = () => mnistSubset('train', 50_000, 10_000);

/** A small network trained in Node, and its confusion matrix on the validation images, computed here. */
async function trainedInNode() {
  const net = MLP.create({ sizes: [784, 32, 10], activation: 'relu', init: 'he', seed: 5 });
  await train(net, { train: mnistSubset('train', 0, 3000) }, { epochs: 3, learningRate: 0.1, batchSize: 32, seed: 5 });
  const val = validation();
  const C = confusionMatrix(argmax(net.forward(val.X), 0), val.labels);
  return { json: JSON.stringify(net.toJSON()), C };
}

test('the confusion matrix and the gallery show the reader’s saved network on the validation set', async ({ page }) => {
  test.setTimeout(180_000);
  const { json, C } = await trainedInNode();

  // What a reader does: import a saved network in chapter 11's panel…
  await page.goto('/11-training-and-validation/');
  const panel = await hydrated(page, 'training-panel');
  await panel.locator('input[type="file"]').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(panel.getByTestId('current-model')).toContainText('784-32-10');

  // …then reads chapter 12.
  await page.goto('/12-predicting/');
  const matrix = await hydrated(page, 'confusion-matrix');
  await expect(matrix).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(matrix.getByTestId('confusion-network')).toHaveAttribute('data-source', 'yours');
  // Every cell agrees with the confusion matrix computed in Node (a rare float tie may move one image).
  let differences = 0;
  for (let i = 0; i < 10; i++) {
    for (let k = 0; k < 10; k++) {
      const shown = Number(await page.getByTestId(`confusion-${i}-${k}`).getAttribute('data-count'));
      differences += Math.abs(shown - C[i][k]);
    }
  }
  expect(differences).toBeLessThanOrEqual(2);
  const correct = C.reduce((s, row, i) => s + row[i], 0);
  await expect(page.getByTestId('confusion-accuracy')).toHaveText(`${(correct / 100).toFixed(2)}%`);

  // Clicking a cell shows exactly that many images (up to 30); arrow keys move the selection.
  const cell = page.getByTestId('confusion-4-9');
  await cell.click();
  await expect(page.getByTestId('confusion-images')).toHaveAttribute('data-count', String(C[4][9]));
  await expect(page.getByTestId('confusion-images').locator('canvas')).toHaveCount(Math.min(30, C[4][9]));
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('confusion-4-8')).toBeFocused();
  await expect(page.getByTestId('confusion-images')).toHaveAttribute('data-count', String(C[4][8]));

  // The gallery lists every mistake, most confident first; filtering by a true digit keeps only those.
  const gallery = await hydrated(page, 'misclassified-gallery');
  await expect(gallery).toHaveAttribute('data-state', 'ready');
  const wrong = 10_000 - correct;
  await expect(page.getByTestId('misclassified-count')).toContainText(`${wrong.toLocaleString('en-US')} misclassified`);
  const confidences = (await page.getByTestId('misclassified').evaluateAll((cards) => cards.map((c) => Number(c.getAttribute('data-p')))));
  expect(confidences.length).toBe(Math.min(24, wrong));
  expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  await gallery.getByLabel('true digit').selectOption('4');
  const rowFour = C[4].reduce((a, b) => a + b, 0) - C[4][4];
  await expect(page.getByTestId('misclassified-count')).toContainText(`${rowFour} misclassified 4s`);
  const trues = await page.getByTestId('misclassified').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-true')));
  expect(new Set(trues)).toEqual(new Set(['4']));
});

test('without a saved network, the page stands alone: every widget reads with the bundled network and says so', async ({ page }) => {
  test.setTimeout(120_000);
  // The shipped file, read directly (bundled.ts imports it as a ?url asset, which only the site's bundler understands).
  const net = MLP.fromJSON(JSON.parse(readFileSync(new URL('../../src/models/bundled-mlp.json', import.meta.url), 'utf8')).network);
  const val = validation();
  const C = confusionMatrix(argmax(net.forward(val.X), 0), val.labels);
  const correct = C.reduce((s, row, i) => s + row[i], 0);

  await page.goto('/12-predicting/');
  const matrix = await hydrated(page, 'confusion-matrix');
  await expect(matrix).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(matrix.getByTestId('confusion-network')).toHaveAttribute('data-source', 'bundled');
  await expect(matrix.getByTestId('confusion-network')).toContainText('the bundled network');
  await expect(page.getByTestId('confusion-accuracy')).toHaveText(`${(correct / 100).toFixed(2)}%`);

  const gallery = await hydrated(page, 'misclassified-gallery');
  await expect(gallery).toHaveAttribute('data-state', 'ready');
  await expect(gallery.getByTestId('misclassified-network')).toHaveAttribute('data-source', 'bundled');
  await expect(page.getByTestId('misclassified-count')).toContainText(`${(10_000 - correct).toLocaleString('en-US')} misclassified`);

  // The pad reads a drawn 1 (a vertical stroke) with the same network, and names it.
  const pad = await hydrated(page, 'digit-pad');
  await expect(pad.getByTestId('pad-model')).toHaveAttribute('data-source', 'bundled');
  const box = (await pad.getByTestId('digit-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.8, { steps: 10 });
  await page.mouse.up();
  await expect(pad.getByTestId('verdict')).toContainText('reads a 1');
});

test('HiddenUnits: every row of W1 as a picture, and the images with the largest z, as the engine ranks them', async ({ page }) => {
  test.setTimeout(120_000);
  const net = MLP.fromJSON(JSON.parse(readFileSync(new URL('../../src/models/bundled-mlp.json', import.meta.url), 'utf8')).network);
  const units = topImages(net, mnistSubset('train', 0, SEARCHED).X);
  await page.goto('/12-predicting/');
  const widget = await hydrated(page, 'hidden-units');
  await expect(widget).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(widget).toHaveAttribute('data-source', 'bundled');
  await expect(widget.getByRole('button', { name: /^hidden unit/ })).toHaveCount(32);

  for (const i of [0, 9]) {
    // by keyboard: focus the unit's button and press Enter
    await widget.getByTestId(`hunit-${i}`).focus();
    await page.keyboard.press('Enter');
    await expect(widget.getByTestId(`hunit-${i}`)).toHaveAttribute('aria-pressed', 'true');
    const shown = await widget.locator('.hunits-z').evaluateAll((els) => els.map((el) => ({ index: Number(el.getAttribute('data-index')), z: Number(el.getAttribute('data-z')) })));
    expect(shown.map((s) => s.index)).toEqual(units[i].index);
    shown.forEach((s, k) => expect(s.z).toBeCloseTo(units[i].z[k], 3));
    // the big picture: blue where row i of W1 is clearly positive, red where clearly negative
    const picture = await widget.getByRole('img', { name: `row ${i + 1} of W1 as a 28 by 28 picture` }).evaluate((c: HTMLCanvasElement) => {
      const s = getComputedStyle(c);
      return { data: Array.from(c.getContext('2d')!.getImageData(0, 0, 28, 28).data), plus: s.getPropertyValue('--accent').trim(), minus: s.getPropertyValue('--bad').trim() };
    });
    const row = net.W[0].data.subarray(i * 784, (i + 1) * 784);
    const max = Math.max(...Array.from(row, Math.abs));
    const hex = (h: string) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));
    const [plus, minus] = [hex(picture.plus), hex(picture.minus)];
    let checked = 0;
    for (let p = 0; p < 784; p++) {
      if (Math.abs(row[p]) < 0.5 * max) continue;
      const px = picture.data.slice(4 * p, 4 * p + 3);
      const d = (c: number[]) => c.reduce((s, v, k) => s + (v - px[k]) ** 2, 0);
      expect(d(plus) < d(minus)).toBe(row[p] > 0);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  }
});

test('HiddenUnits at 390 px: passes axe in light and dark and fits', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/12-predicting/');
  const widget = await hydrated(page, 'hidden-units');
  await expect(widget).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="hidden-units"]').analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
