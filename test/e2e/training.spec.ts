// Chapter 11's TrainingPanel and chapter 12's DigitPad in Chromium: real MNIST downloaded from the
// built site, real training in the worker, the model in IndexedDB across a reload.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const CH11 = '/11-training-and-validation/';
const CH12 = '/12-predicting/';

/** The chapter's first training panel (the chapter may embed more, e.g. an overfitting preset). */
function panelOf(page: Page) {
  return page.getByTestId('training-panel').first();
}

async function setField(page: Page, label: string, value: string) {
  const field = panelOf(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.blur();
}

/** Opens a chapter and scrolls to the widget: islands hydrate (client:visible) when seen. */
async function open(page: Page, path: string, testid: string) {
  await page.goto(path);
  await page.getByTestId(testid).first().scrollIntoViewIfNeeded();
}

async function waitForMnist(page: Page) {
  await expect(panelOf(page).getByTestId('mnist-loaded')).toContainText('10,000 training images', { timeout: 30_000 });
}

test('downloads the default subset with visible progress, trains two epochs above 85%, keeps the model over a reload, and the pad reads a stroke', async ({ page }) => {
  test.setTimeout(180_000);
  // Slow the network so the download takes a few seconds and its progress can be watched.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 1_500_000, uploadThroughput: 1_000_000 });
  const fetched: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/data/mnist/')) fetched.push(r.url()); });

  await open(page, CH11, 'training-panel');
  const bar = panelOf(page).getByTestId('mnist-progress').locator('progress');
  await expect.poll(async () => bar.evaluate((p: HTMLProgressElement) => (p.hasAttribute('value') ? p.value : -1)), { timeout: 20_000 })
    .toBeGreaterThan(0.05);
  expect(await bar.evaluate((p: HTMLProgressElement) => p.value)).toBeLessThan(1);
  await expect(panelOf(page).getByTestId('mnist-progress')).toContainText(/of 3\.\d MB/);
  await waitForMnist(page);
  expect([...new Set(fetched.map((u) => u.split('/').pop()))].sort()).toEqual(['test-0.bin', 'train-0.bin']);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await setField(page, 'Hidden layer sizes', '32');
  await setField(page, 'Epochs', '2');
  await setField(page, 'Patience', '0');
  await panelOf(page).getByRole('button', { name: 'Train', exact: true }).click();
  await expect(panelOf(page).getByTestId('run-result')).toBeVisible({ timeout: 120_000 });
  // The run is judged by validation; the test accuracy appears only when the reader asks for the final test.
  await expect(panelOf(page).getByTestId('test-accuracy')).toHaveCount(0);
  // The site is cross-origin isolated, so training may use a second thread; the result names the kernels.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(panelOf(page).getByTestId('engine')).toHaveText(/^\(WebAssembly step( on 2 threads)?\)$/);
  const percent = async (text: string | null) => Number(text!.replace('%', ''));
  const valAccuracies = await panelOf(page).getByTestId('val-accuracy').allTextContents();
  expect(valAccuracies).toHaveLength(2);
  expect(await percent(valAccuracies[1])).toBeGreaterThan(85);
  expect(await percent(await panelOf(page).getByTestId('run-val-accuracy').textContent())).toBe(await percent(valAccuracies[1]));
  await expect(panelOf(page).getByTestId('current-model')).toContainText(`784-32-10 relu, ${valAccuracies[1].replace(/(\.\d)\d%/, '$1%')} validation`);
  await expect(panelOf(page).getByTestId('training-announcement')).toContainText('Validation accuracy');
  await panelOf(page).getByTestId('final-test-button').click();
  await expect(panelOf(page).getByTestId('test-result')).toContainText('Final test');
  expect(await percent(await panelOf(page).getByTestId('test-accuracy').textContent())).toBeGreaterThan(85);
  await expect(panelOf(page).getByTestId('training-announcement')).toContainText('Final test accuracy');

  // A reload finds the model in IndexedDB and the data in the cache (nothing downloaded again).
  fetched.length = 0;
  const fromNetwork: string[] = [];
  page.on('response', (r) => { if (r.url().includes('/data/mnist/') && !r.fromServiceWorker()) fromNetwork.push(r.url()); });
  await page.reload();
  await panelOf(page).scrollIntoViewIfNeeded();
  await expect(panelOf(page).getByTestId('current-model')).toContainText('784-32-10 relu');
  await waitForMnist(page);
  expect(fromNetwork).toEqual([]);

  // The model downloads as a numpy script that carries its weights and eight test images to read.
  const [numpyFile] = await Promise.all([
    page.waitForEvent('download'),
    panelOf(page).getByRole('button', { name: 'Export numpy script' }).click(),
  ]);
  expect(numpyFile.suggestedFilename()).toBe('mnist-784-32-10.py');
  const script = readFileSync((await numpyFile.path())!, 'utf8');
  expect(script).toContain('W1 = np.frombuffer');
  expect(script).toContain('reshape(32, 784)');
  expect(script.match(/reshape\(784, 8\)/g)).toHaveLength(1);

  // Chapter 12: a mouse stroke on the pad gives ten probabilities that sum to 1.
  await open(page, CH12, 'digit-pad');
  await expect(page.getByTestId('pad-model')).toContainText('your network (784-32-10');
  await expect(page.getByTestId('verdict')).toContainText('empty');
  const canvas = page.getByTestId('digit-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let t = 1; t <= 10; t++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.2 + 0.06 * t));
  await page.mouse.up();
  await expect(page.getByTestId('verdict')).toContainText('The network reads a');
  const p = (await page.getByTestId('probabilities').locator('li').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-probability')))));
  expect(p).toHaveLength(10);
  expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
  expect(Math.abs(p.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-4);
  // A vertical stroke is most often read as a 1.
  expect(Math.max(...p)).toBe(p[1]);
  await page.getByTestId('digit-pad').getByRole('button', { name: 'Clear' }).press('Enter');
  await expect(page.getByTestId('verdict')).toContainText('empty');
});

test('Stop during training stops it, keeps nothing, and Train works again', async ({ page }) => {
  await open(page, CH11, 'training-panel');
  await waitForMnist(page);
  // Long enough that Stop lands mid-run even with the fast kernels (an epoch here is under a second).
  await setField(page, 'Epochs', '200');
  await setField(page, 'Patience', '0');
  await panelOf(page).getByRole('button', { name: 'Train', exact: true }).click();
  await expect(panelOf(page).getByTestId('training-progress')).toContainText(/Epoch \d+ of 200, batch \d+/);
  await panelOf(page).getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(panelOf(page).getByTestId('stopped')).toBeVisible();
  await expect(panelOf(page).getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await expect(panelOf(page).getByTestId('current-model')).toContainText('No saved model yet');
});

test('a diverging run stops with the engine’s message and a suggestion', async ({ page }) => {
  await open(page, CH11, 'training-panel');
  await waitForMnist(page);
  await setField(page, 'Learning rate η', '100000');
  await panelOf(page).getByRole('button', { name: 'Train', exact: true }).click();
  const error = panelOf(page).getByTestId('training-error');
  await expect(error).toContainText('the learning rate 100000 is too high');
  await expect(error).toContainText('set the learning rate to 10000');
});

test('an interrupted download says what happened, keeps nothing, and Retry loads it', async ({ page }) => {
  await page.route('**/data/mnist/train-0.bin', (route) => route.abort('connectionreset'));
  await open(page, CH11, 'training-panel');
  const alert = panelOf(page).getByRole('alert');
  await expect(alert).toContainText('MNIST download of train-0');
  await expect(panelOf(page).getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await page.unroute('**/data/mnist/train-0.bin');
  await panelOf(page).getByRole('button', { name: 'Retry the download', exact: true }).click();
  await waitForMnist(page);
});
