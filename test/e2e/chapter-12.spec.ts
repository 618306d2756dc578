import { expect, test, type Page } from '@playwright/test';
import { MLP, argmax, confusionMatrix, train } from '../../src/engine/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';

/** Scrolls a widget into view and waits until its island has hydrated (Astro drops `ssr` then). */
async function hydrated(page: Page, testId: string) {
  const widget = page.getByTestId(testId).first();
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-testid="${testId}"])`).first()).not.toHaveAttribute('ssr', /.*/);
  return widget;
}

/** A small network trained in Node, and its confusion matrix on the 10,000 test images, computed here. */
async function trainedInNode() {
  const net = MLP.create({ sizes: [784, 32, 10], activation: 'relu', init: 'he', seed: 5 });
  await train(net, { train: mnistSubset('train', 0, 3000) }, { epochs: 3, learningRate: 0.1, batchSize: 32, seed: 5 });
  const test = mnistSubset('test', 0, 10_000);
  const C = confusionMatrix(argmax(net.forward(test.X), 0), test.labels);
  return { json: JSON.stringify(net.toJSON()), C };
}

test('the confusion matrix and the gallery show the reader’s saved network on the test set', async ({ page }) => {
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

test('without a saved network, the widgets point to chapter 11', async ({ page }) => {
  await page.goto('/12-predicting/');
  const matrix = await hydrated(page, 'confusion-matrix');
  await expect(matrix).toHaveAttribute('data-state', 'none');
  await expect(matrix.getByRole('link', { name: 'chapter 11' })).toHaveAttribute('href', '../11-training-and-validation/');
});
