// What a new reader tried and hit a wall with: each test repeats what they did on the built site and
// checks that the site says what is wrong and offers a way on.
import { expect, test, type Page } from '@playwright/test';
import { MLP } from '../../src/engine/index.ts';

const CH11 = '/11-training-and-validation/';
const CH12 = '/12-predicting/';

function panelOf(page: Page) {
  return page.getByTestId('training-panel').first();
}

/** Scrolls a widget into view and waits until its island has hydrated (Astro drops `ssr` then). */
async function hydrated(page: Page, testId: string) {
  const widget = page.getByTestId(testId).first();
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-testid="${testId}"])`).first()).not.toHaveAttribute('ssr', /.*/);
  return widget;
}

async function importFile(page: Page, text: string) {
  await panelOf(page).locator('input[type="file"]').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(text) });
}

const network = (sizes: number[]) => JSON.stringify(MLP.create({ sizes, activation: 'relu', init: 'he', seed: 2 }).toJSON());

test('import refuses a network that cannot read MNIST, and JSON that is no model, in plain words', async ({ page }) => {
  await page.goto(CH11);
  await hydrated(page, 'training-panel');
  const alert = panelOf(page).getByTestId('model-box').getByRole('alert');

  await importFile(page, network([100, 8, 10]));
  await expect(alert).toContainText('This network reads 100 inputs; an MNIST image has 784');
  await importFile(page, network([784, 16, 5]));
  await expect(alert).toContainText('This network gives 5 outputs; reading digits needs 10');
  await importFile(page, '{"hello":"world"}');
  await expect(alert).toContainText('This file does not hold a saved model');
  await expect(alert).not.toContainText('version');
  // Nothing was stored: chapter 12's widgets still have no model.
  await expect(panelOf(page).getByTestId('current-model')).toContainText('No saved model yet');

  // A network that fits is accepted, and the message goes away.
  await importFile(page, network([784, 8, 10]));
  await expect(panelOf(page).getByTestId('current-model')).toContainText('784-8-10');
  await expect(alert).toHaveCount(0);
});

test('a stored model that cannot read MNIST is not used in chapter 12: one clear sentence says why, and the bundled network reads instead', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(CH12);
  // An older site, or another tab, may have stored such a model: put one straight into IndexedDB.
  const json = JSON.parse(network([784, 16, 5]));
  await page.evaluate(async (net) => {
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('nn-from-scratch', 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('models', { keyPath: 'id', autoIncrement: true });
        open.result.createObjectStore('meta');
      };
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction(['models', 'meta'], 'readwrite');
        const add = tx.objectStore('models').add({ name: 'five outputs', savedAt: new Date().toISOString(), network: net });
        add.onsuccess = () => tx.objectStore('meta').put(add.result, 'current');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      };
    });
  }, json);
  await page.reload();

  // Each reader of the saved model checks it, says in one sentence why it is not used, and reads
  // with the bundled network instead.
  const why = 'This network gives 5 outputs; reading digits needs 10';
  const matrix = await hydrated(page, 'confusion-matrix');
  await expect(matrix.getByTestId('confusion-network')).toHaveAttribute('data-source', 'bundled', { timeout: 60_000 });
  await expect(matrix).toContainText(why);
  await expect(matrix).not.toContainText('outside a matrix');
  const gallery = await hydrated(page, 'misclassified-gallery');
  await expect(gallery.getByTestId('misclassified-network')).toHaveAttribute('data-source', 'bundled', { timeout: 60_000 });
  await expect(gallery).toContainText(why);

  const pad = await hydrated(page, 'digit-pad');
  await expect(pad.getByTestId('pad-model')).toHaveAttribute('data-source', 'bundled');
  await expect(pad.getByTestId('pad-model')).toContainText(why);
  const canvas = pad.getByTestId('digit-canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.8, { steps: 8 });
  await page.mouse.up();
  await expect(pad.getByTestId('verdict')).toContainText('The network reads');
  expect(problems).toEqual([]);
});

test('a failed "Load all 60,000" keeps the 10,000 loaded, keeps Train usable, and offers both ways on', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(CH11);
  await hydrated(page, 'training-panel');
  const loaded = panelOf(page).getByTestId('mnist-loaded');
  await expect(loaded).toContainText('10,000 training images', { timeout: 30_000 });

  // One of the five extra chunks fails.
  await page.route('**/data/mnist/train-3.bin', (route) => route.abort('connectionreset'));
  await panelOf(page).getByRole('button', { name: 'Load all 60,000' }).click();
  const failure = panelOf(page).getByTestId('full-load-error');
  await expect(failure).toContainText('train-3', { timeout: 30_000 });
  await expect(failure).toContainText('The 10,000 images already loaded are kept');
  await expect(loaded).toContainText('10,000 training images');
  await expect(panelOf(page).getByRole('button', { name: 'Train', exact: true })).toBeEnabled();

  // Way on 1: continue with the subset; the offer to load everything is back.
  await failure.getByRole('button', { name: 'Continue with 10,000' }).click();
  await expect(failure).toHaveCount(0);
  await expect(panelOf(page).getByRole('button', { name: 'Load all 60,000' })).toBeVisible();

  // Way on 2: fail again, then retry the full set once the network is back.
  await panelOf(page).getByRole('button', { name: 'Load all 60,000' }).click();
  await expect(failure).toContainText('train-3', { timeout: 30_000 });
  await page.unroute('**/data/mnist/train-3.bin');
  await failure.getByRole('button', { name: 'Retry all 60,000' }).click();
  await expect(loaded).toContainText('60,000 training images', { timeout: 60_000 });
});

test('MNIST data answered with a web page says so', async ({ page }) => {
  await page.route('**/data/mnist/test-0.bin', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html><body>Welcome</body></html>' }));
  await page.goto(CH11);
  await hydrated(page, 'training-panel');
  await expect(panelOf(page).getByRole('alert')).toContainText('the server sent a web page, not MNIST data', { timeout: 30_000 });
});

test('on a phone the pad’s verdict sits by the pad, a speck is called too small, and an 8 is "an 8"', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(CH11);
  await hydrated(page, 'training-panel');
  await importFile(page, network([784, 8, 10]));
  await expect(panelOf(page).getByTestId('current-model')).toContainText('784-8-10');
  await page.goto(CH12);
  const pad = await hydrated(page, 'digit-pad');
  await expect(pad.getByTestId('pad-model')).toContainText('784-8-10');
  const canvas = pad.getByTestId('digit-canvas');
  await canvas.scrollIntoViewIfNeeded();

  // A speck: a stroke a few pixels long, one pen wide.
  let box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 4, box.y + box.height / 2 + 2, { steps: 2 });
  await page.mouse.up();
  const verdict = pad.getByTestId('verdict');
  await expect(verdict).toContainText('too small to read');
  // The verdict is on screen while the pad is: no scrolling between stroke and answer.
  await expect(verdict).toBeInViewport();
  box = (await canvas.boundingBox())!;
  const line = (await verdict.boundingBox())!;
  expect(line.y - (box.y + box.height)).toBeLessThan(80);

  // A full-height stroke is read, with the right article for the digit it names.
  await pad.getByRole('button', { name: 'Clear' }).click();
  await expect(verdict).toContainText('empty');
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.85, { steps: 8 });
  await page.mouse.up();
  await expect(verdict).toContainText('The network reads');
  const best = await pad.getByTestId('probabilities').locator('li').evaluateAll((items) => {
    const p = items.map((li) => Number(li.getAttribute('data-probability')));
    return p.indexOf(Math.max(...p));
  });
  await expect(verdict).toContainText(`reads ${best === 8 ? 'an' : 'a'} ${best},`);
});

test('chapter 3 does not scroll sideways on a 390 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/03-why-vectorise/');
  await hydrated(page, 'vr-preset');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});

test('search: nonsense finds nothing, and search works offline after one visit', async ({ page, context }) => {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload(); // now controlled by the service worker, which has cached the whole site
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the chapters' });
  const input = dialog.getByRole('searchbox');
  await input.fill('xyzzy');
  await expect(dialog.getByRole('status')).toHaveText('Nothing found for “xyzzy”');
  await expect(dialog.locator('.search-results li')).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await page.keyboard.press('/');
  await input.fill('softmax');
  await expect(dialog.locator('.search-results li', { hasText: 'Softmax' }).first()).toBeVisible();
  await context.setOffline(false);
});

test('search says plainly when it cannot reach its index', async ({ page }) => {
  await page.route('**/pagefind/pagefind-entry.json*', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the chapters' });
  await dialog.getByRole('searchbox').fill('softmax');
  await expect(dialog.getByRole('status')).toContainText('Search could not load its index');
});
