import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { HELD_OUT, SHUFFLE_CONFIG, TRAIN_SIZE, permuteImage, pixelOrder, trainOnPixels } from '../../src/worker/shuffle.ts';

/** Waits until the island holding this element has hydrated (Astro removes its `ssr` attribute). */
async function hydrated(page: Page, testid: string) {
  await expect(page.locator(`astro-island:has([data-testid="${testid}"])`)).not.toHaveAttribute('ssr', { timeout: 30_000 });
}

const PATH = '/01-what-a-digit-looks-like/';

async function readout(page: Page) {
  const text = async (id: string) => (await page.getByTestId(id).textContent())!.trim();
  const [R, G, B, A] = (await text('da-rgba-values')).replace(/[()]/g, '').split(',').map(Number);
  return {
    r: Number(await text('da-r')), c: Number(await text('da-c')), R, G, B, A,
    gray: Number(await text('da-gray-value')), index: Number(await text('da-index')),
    x: Number(await text('da-x')), std: Number(await text('da-std')),
  };
}

/** Moves the focused pixel to (r, c) with the arrow keys, as a keyboard user would. */
async function focusPixel(page: Page, r: number, c: number) {
  const grid = page.getByTestId('da-grid');
  await grid.focus();
  const now = await readout(page);
  const press = async (key: string, times: number) => { for (let k = 0; k < times; k++) await grid.press(key); };
  await press(r > now.r ? 'ArrowDown' : 'ArrowUp', Math.abs(r - now.r));
  await press(c > now.c ? 'ArrowRight' : 'ArrowLeft', Math.abs(c - now.c));
  await expect(page.getByTestId('da-r')).toHaveText(String(r));
  await expect(page.getByTestId('da-c')).toHaveText(String(c));
}

test('DigitAnatomy: a drawn stroke shows up in alpha, gray, the flat index and the normalised inputs', async ({ page }) => {
  await page.goto(PATH);
  const pad = page.getByTestId('da-pad');
  await pad.scrollIntoViewIfNeeded();
  await hydrated(page, 'da-pad');
  await expect(page.getByTestId('da-ink')).toHaveText('0.0');
  const box = (await pad.boundingBox())!;
  // A horizontal bar across the middle of the pad, as a reader would drag it.
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.5, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId('da-ink')).not.toHaveText('0.0');

  // Hovering the pad focuses the pixel under the pointer: the middle of the bar is full ink.
  await page.mouse.move(box.x + box.width * 0.5 + 1, box.y + box.height * 0.5 + 1);
  const ink = await readout(page);
  expect([ink.r, ink.c]).toEqual([14, 14]);
  expect([ink.R, ink.G, ink.B]).toEqual([0, 0, 0]); // black ink: colour says nothing
  expect(ink.A).toBeGreaterThan(200); // the ink is in alpha
  expect(ink.gray).toBe(ink.A);
  expect(ink.index).toBe(28 * 14 + 14);
  expect(ink.x).toBeCloseTo(ink.gray / 255, 3);
  expect(ink.std).toBeCloseTo((ink.gray / 255 - 0.1307) / 0.3081, 2);

  // Keyboard: focus the gray grid and walk up, off the stroke, to the background.
  const grid = page.getByTestId('da-grid');
  await grid.focus();
  for (let k = 0; k < 8; k++) await grid.press('ArrowUp');
  await grid.press('ArrowRight');
  const background = await readout(page);
  expect([background.r, background.c]).toEqual([6, 15]);
  expect(background.index).toBe(28 * 6 + 15);
  expect(background).toMatchObject({ R: 0, G: 0, B: 0, A: 0, gray: 0, x: 0 });
  expect(background.std).toBeCloseTo(-0.1307 / 0.3081, 2);

  // Clearing empties every view.
  await page.getByTestId('da-clear').click();
  await expect(page.getByTestId('da-ink')).toHaveText('0.0');
});

test('DigitAnatomy: "prepare like MNIST" moves the ink so its centre of mass is near (14, 14)', async ({ page }) => {
  await page.goto(PATH);
  const pad = page.getByTestId('da-pad');
  await pad.scrollIntoViewIfNeeded();
  await hydrated(page, 'da-pad');
  const box = (await pad.boundingBox())!;
  // A short stroke in the top-left corner.
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.35, { steps: 8 });
  await page.mouse.up();
  await focusPixel(page, 9, 2); // on the stroke, near the top-left corner
  expect((await readout(page)).A).toBeGreaterThan(0);
  await focusPixel(page, 14, 14);
  expect((await readout(page)).gray).toBe(0); // nothing drawn in the middle
  await page.getByTestId('da-mnist').check();
  // After cropping, fitting and centring by mass, the middle pixel holds ink.
  await expect(page.getByTestId('da-gray-value')).not.toHaveText('0');
  const centre = await readout(page);
  expect([centre.r, centre.c]).toEqual([14, 14]);
  expect(centre.gray).toBeGreaterThan(0);
});

test('MnistBrowser: loads real MNIST and steps through it with the keyboard and the number field', async ({ page }) => {
  await page.goto(PATH);
  const browser = page.getByTestId('mb');
  await browser.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('mb-label')).toHaveText('5', { timeout: 30_000 }); // training image 0 is a 5
  await browser.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('mb-shown-index')).toHaveText('1');
  await expect(page.getByTestId('mb-label')).toHaveText('0');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('mb-label')).toHaveText('4');
  await page.getByTestId('mb-index').fill('7');
  await page.getByTestId('mb-index').press('Enter');
  await expect(page.getByTestId('mb-label')).toHaveText('3'); // labels start 5 0 4 1 9 2 1 3
  await page.getByTestId('mb-split').selectOption('test');
  await expect(page.getByTestId('mb-label')).toHaveText('7'); // the first test image is a 7
  const zeros = Number(await page.getByTestId('mb-zeros').textContent());
  expect(zeros).toBeGreaterThan(500);
  expect(zeros).toBeLessThan(784);
});

test('MnistBrowser: shows progress, reports a failed download and recovers with "Try again"', async ({ page }) => {
  let fail = true;
  await page.route('**/data/mnist/**', async (route) => {
    if (fail) {
      await new Promise((resolve) => setTimeout(resolve, 2000)); // a slow network, then a failure
      return route.abort();
    }
    return route.continue();
  });
  await page.goto(PATH);
  await page.getByTestId('mb').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('mb-progress')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Could not load MNIST', { timeout: 30_000 });
  fail = false;
  await page.getByTestId('mb-retry').click();
  await expect(page.getByTestId('mb-label')).toHaveText('5', { timeout: 30_000 });
});

test('ShuffledDigit: the shuffled digit is the same pixels, and both networks score what the engine scores', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/01-what-a-digit-looks-like/');
  const widget = page.getByTestId('shuffled-digit');
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has([data-testid="shuffled-digit"])')).not.toHaveAttribute('ssr', /.*/);
  await expect(widget.getByTestId('shuffle-label')).toHaveText(String(mnistSubset('train', 0, 1).labels[0]), { timeout: 60_000 });

  // the right-hand picture holds exactly the left one's pixels, moved by the fixed order
  const [drawn, shuffled] = await widget.locator('canvas').evaluateAll((canvases: HTMLCanvasElement[]) =>
    canvases.map((c) => Array.from(c.getContext('2d')!.getImageData(0, 0, 28, 28).data.filter((_, k) => k % 4 === 0))));
  expect(shuffled).toEqual(Array.from(permuteImage(Uint8Array.from(drawn), pixelOrder())));
  expect(shuffled).not.toEqual(drawn);

  // by keyboard: Train both
  await widget.getByRole('button', { name: 'Train both' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget.getByTestId('shuffle-status')).toContainText('Done', { timeout: 200_000 });

  // the same runs in Node, with the same engine
  const data = { train: mnistSubset('train', 0, TRAIN_SIZE), heldOut: mnistSubset('train', TRAIN_SIZE, HELD_OUT) };
  const expected: Record<string, number[]> = { original: [], shuffled: [] };
  await trainOnPixels(data, null, SHUFFLE_CONFIG, (e, a) => void (expected.original[e - 1] = a));
  await trainOnPixels(data, pixelOrder(), SHUFFLE_CONFIG, (e, a) => void (expected.shuffled[e - 1] = a));
  for (const pixels of ['original', 'shuffled']) {
    for (let e = 1; e <= SHUFFLE_CONFIG.epochs; e++) {
      const shown = parseFloat((await widget.getByTestId(`shuffle-${pixels}-${e}`).textContent())!) / 100;
      // a float tie may move an image or two between Node and the browser
      expect(Math.abs(shown - expected[pixels][e - 1])).toBeLessThan(0.002);
    }
  }
  const last = async (p: string) => parseFloat((await widget.getByTestId(`shuffle-${p}-${SHUFFLE_CONFIG.epochs}`).textContent())!);
  expect(await last('original')).toBeGreaterThan(85);
  expect(Math.abs((await last('original')) - (await last('shuffled')))).toBeLessThan(2);
});

test('ShuffledDigit at 390 px: passes axe in light and dark and fits', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/01-what-a-digit-looks-like/');
  const widget = page.getByTestId('shuffled-digit');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.getByTestId('shuffle-label')).toBeVisible({ timeout: 60_000 });
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="shuffled-digit"]').analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
