import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { TRAIN_STEPS, boundaryGrid, createNetwork, gridInputs, makeDataset, pointAccuracy, pointLoss, trainSteps } from '../../src/worker/boundary.ts';

const PATH = '/06-activation-functions/';

/** Scrolls a widget into view and waits until its island has hydrated (Astro drops `ssr`). */
async function hydrated(page: Page, testid: string) {
  const widget = page.getByTestId(testid);
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-testid="${testid}"])`)).not.toHaveAttribute('ssr', { timeout: 20_000 });
  return widget;
}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

test('ActivationExplorer: g(z) and g′(z) at the marker, moved by keyboard and by pointer', async ({ page }) => {
  await page.goto(PATH);
  const widget = await hydrated(page, 'activation-explorer');
  const f = widget.getByTestId('actexp-f');
  const df = widget.getByTestId('actexp-df');
  await expect(f).toHaveText(sigmoid(1).toFixed(4));
  await expect(df).toHaveText((sigmoid(1) * (1 - sigmoid(1))).toFixed(4));

  const slider = widget.getByTestId('actexp-z');
  await slider.focus();
  for (let k = 0; k < 10; k++) await page.keyboard.press('ArrowRight');
  await expect(widget.getByTestId('actexp-zval')).toHaveText('2.0');
  await expect(f).toHaveText(sigmoid(2).toFixed(4));
  // σ′(2) = σ(2)(1 − σ(2)), not 2·(1 − 2) = −2
  await expect(df).toHaveText((sigmoid(2) * (1 - sigmoid(2))).toFixed(4));

  // ReLU has no upper bound: at z = 5 it is 5, with slope 1
  await widget.getByLabel('ReLU', { exact: true }).check();
  await slider.focus();
  await page.keyboard.press('End');
  await expect(f).toHaveText('5.0000');
  await expect(df).toHaveText('1.0000');

  await widget.getByLabel('tanh').check();
  await expect(df).toHaveText((1 - Math.tanh(5) ** 2).toFixed(4));

  await widget.getByLabel('leaky ReLU (α = 0.01)').check();
  await page.keyboard.press('Home'); // the radio has focus, so move the slider instead
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(f).toHaveText((-0.05).toFixed(4));
  await expect(df).toHaveText('0.0100');

  // click near the right edge of the g(z) plot: the marker jumps to a large z
  const plot = widget.getByRole('img', { name: /of z$/ });
  const box = (await plot.boundingBox())!;
  // Locator.click scrolls the plot clear of the sticky header and checks the plot receives the click.
  await plot.click({ position: { x: box.width * 0.9, y: box.height / 2 } });
  const zValue = widget.getByTestId('actexp-zval');
  await expect.poll(async () => Number(await zValue.textContent())).toBeGreaterThan(3);
  const z = Number(await zValue.textContent());
  await expect(f).toHaveText(z.toFixed(4));
});

test('LinearCollapse: W2·(W1·x + b1) + b2 equals W·x + b, until a ReLU sits between', async ({ page }) => {
  await page.goto(PATH);
  const widget = await hydrated(page, 'linear-collapse');
  const values = async (id: string) => JSON.parse((await widget.getByTestId(`matrix-${id}`).getAttribute('data-values'))!) as number[][];
  const matvec = (M: number[][], v: number[]) => M.map((row) => row.reduce((s, w, k) => s + w * v[k], 0));

  for (let round = 0; round < 2; round++) {
    const [x, W1, b1, W2, b2] = await Promise.all(['x', 'W1', 'b1', 'W2', 'b2'].map(values));
    const z1 = matvec(W1, x.map((r) => r[0])).map((v, i) => v + b1[i][0]);
    const expected = matvec(W2, z1).map((v, i) => v + b2[i][0]);
    const two = (await values('two')).map((r) => r[0]);
    const one = (await values('one')).map((r) => r[0]);
    expected.forEach((v, i) => {
      expect(two[i]).toBeCloseTo(v, 4);
      expect(one[i]).toBeCloseTo(v, 4);
    });
    await expect(widget.getByTestId('lincol-verdict')).toContainText('Equal');
    await widget.getByRole('button', { name: 'New random numbers' }).click();
  }

  await widget.getByLabel('put a ReLU between the layers').check();
  await expect(widget.getByTestId('lincol-verdict')).toContainText('Different');
});

test('DeadRelu: at η = 0.8 most ReLU units die; leaky ReLU units recover; a stopped run leaves nothing behind', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(PATH);
  const widget = await hydrated(page, 'dead-relu');
  await expect(widget.getByTestId('deadrelu-rate')).toHaveValue('0.8');
  await widget.getByRole('button', { name: 'Train both' }).click();
  await widget.getByRole('button', { name: 'Stop' }).click();
  await expect(widget.getByTestId('deadrelu-status')).toContainText('Press “Train both”');
  await widget.getByRole('button', { name: 'Train both' }).click();
  await expect(widget.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect(widget.getByTestId('deadrelu-status')).toContainText('Done', { timeout: 200_000 });
  const relu = (await widget.getByTestId('dead-relu-count').allTextContents()).map(Number);
  const leaky = (await widget.getByTestId('dead-leaky-count').allTextContents()).map(Number);
  expect(relu).toHaveLength(11); // epoch 0 (before training) … 10
  expect(relu[0]).toBe(0);
  expect(relu[10]).toBeGreaterThan(32); // more than half of the 64 units are dead
  expect(leaky[10]).toBeLessThan(relu[10] / 2);
  expect(leaky[10]).toBeLessThan(Math.max(...leaky)); // switched-off leaky units came back
});

/** The playground's run, repeated in Node with the same engine: the network after TRAIN_STEPS steps. */
function playgroundInNode(activation: 'identity' | 'relu', hidden: number) {
  const config = { dataset: 'circle' as const, activation, hidden, learningRate: 0.3, seed: 1 };
  const net = createNetwork(config);
  const data = makeDataset('circle', config.seed);
  trainSteps(net, data, config.learningRate, TRAIN_STEPS);
  return { net, accuracy: pointAccuracy(net, data), loss: pointLoss(net, data) };
}

test('BoundaryPlayground: the linear network fails on the circle, ReLU carves it, as the engine computes', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(PATH);
  const widget = await hydrated(page, 'boundary-playground');
  await expect(widget.getByTestId('bplay-dataset')).toHaveValue('circle');
  await expect(widget.getByTestId('bplay-activation')).toHaveValue('identity');
  await expect(widget.getByTestId('bplay-hidden')).toHaveValue('4');

  for (const activation of ['identity', 'relu'] as const) {
    await widget.getByTestId('bplay-activation').selectOption(activation);
    await expect(widget.getByTestId('bplay-step')).toHaveText('0');
    // by keyboard: focus Train and press Enter
    await widget.getByRole('button', { name: 'Train' }).focus();
    await page.keyboard.press('Enter');
    await expect(widget).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    const node = playgroundInNode(activation, 4);
    await expect(widget.getByTestId('bplay-step')).toHaveText(String(TRAIN_STEPS));
    await expect(widget.getByTestId('bplay-accuracy')).toHaveText(`${(100 * node.accuracy).toFixed(1)}%`);
    await expect(widget.getByTestId('bplay-loss')).toHaveText(node.loss.toFixed(4));
    if (activation === 'identity') expect(node.accuracy).toBeLessThan(0.75);
    else expect(node.accuracy).toBeGreaterThanOrEqual(0.95);

    // The picture: every confidently classified pixel has the colour of the class the engine gives it.
    const shown = await widget.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const style = getComputedStyle(canvas);
      return {
        pixels: Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data),
        size: canvas.width,
        one: style.getPropertyValue('--accent').trim(),
        zero: style.getPropertyValue('--warn-border').trim(),
        bg: style.getPropertyValue('--bg').trim(),
      };
    });
    // the built stylesheet may shorten #ffffff to #fff
    const hex = (h: string) => {
      const full = h.length === 4 ? `#${h[1]}${h[1]}${h[2]}${h[2]}${h[3]}${h[3]}` : h;
      return [1, 3, 5].map((k) => parseInt(full.slice(k, k + 2), 16));
    };
    const [one, zero, bg] = [hex(shown.one), hex(shown.zero), hex(shown.bg)];
    // a pixel is the background moved toward one class's colour: find which, by the larger cosine
    const cosine = (u: number[], v: number[]) =>
      u.reduce((s, x, k) => s + x * v[k], 0) / Math.hypot(...u) / Math.hypot(...v);
    const p = boundaryGrid(node.net, gridInputs(shown.size));
    let checked = 0;
    for (let j = 0; j < p.length; j++) {
      if (Math.abs(p[j] - 0.5) < 0.05) continue;
      const moved = [0, 1, 2].map((k) => shown.pixels[4 * j + k] - bg[k]);
      const towardOne = cosine(moved, one.map((c, k) => c - bg[k])) > cosine(moved, zero.map((c, k) => c - bg[k]));
      expect(towardOne).toBe(p[j] > 0.5);
      checked++;
    }
    // the linear network is unsure almost everywhere (a pale picture); ReLU is sure of most of the plane
    if (activation === 'relu') expect(checked).toBeGreaterThan(p.length / 2);
  }

  // The hidden units' lines, on demand: one per unit.
  await expect(widget.getByTestId('bplay-unit-line')).toHaveCount(0);
  await widget.getByTestId('bplay-units').check();
  await expect(widget.getByTestId('bplay-unit-line')).toHaveCount(4);
});

test('BoundaryPlayground at 390 px: passes axe in light and dark, fits, and keeps its height while it trains', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(PATH);
  const widget = await hydrated(page, 'boundary-playground');
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="boundary-playground"]').analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const height = async () => (await widget.boundingBox())!.height;
  const before = await height();
  await widget.getByTestId('bplay-dataset').selectOption('spirals');
  await widget.getByTestId('bplay-hidden').selectOption('16');
  await widget.getByTestId('bplay-activation').selectOption('relu');
  await widget.getByTestId('bplay-units').check();
  await widget.getByRole('button', { name: 'Train' }).click();
  await expect(widget).toHaveAttribute('data-status', 'training');
  expect(await height()).toBe(before);
  await expect(widget).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  expect(await height()).toBe(before);
});
