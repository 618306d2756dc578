// Chapter 7: the reader drags logits, the temperature and the shift, and reads the probabilities.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// An independent softmax in float64, to compare with what the page shows.
function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

async function shown(page: Page, row: number, cell: 'stable' | 'unstable' | 'exp' | 'logit'): Promise<string> {
  return (await page.getByTestId(`smx-row-${row}`).getByTestId(cell).textContent())!.trim();
}

test.beforeEach(async ({ page }) => {
  await page.goto('/07-softmax/');
  await page.locator('.smx').scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has(.smx)')).not.toHaveAttribute('ssr', /.*/);
});

test('dragging a logit with the keyboard changes every probability; they still sum to 1', async ({ page }) => {
  const z1 = page.getByRole('slider', { name: 'logit z1 (A)' });
  await z1.focus();
  for (let i = 0; i < 10; i++) await z1.press('ArrowRight'); // 2.0 → 3.0
  await expect(z1).toHaveValue('3');
  const expected = softmax([3, 1, 0.1, -1]);
  for (let i = 0; i < 4; i++) {
    expect(Number(await shown(page, i + 1, 'stable'))).toBeCloseTo(expected[i], 3);
  }
  await expect(page.getByTestId('smx-status')).toContainText('add up to 1.000');
});

test('temperature divides the logits: T = 0.5 sharpens, the order stays', async ({ page }) => {
  await page.getByRole('slider', { name: 'temperature T' }).fill('0.5');
  const expected = softmax([4, 2, 0.2, -2]);
  for (let i = 0; i < 4; i++) {
    expect(Number(await shown(page, i + 1, 'logit'))).toBeCloseTo([4, 2, 0.2, -2][i], 2);
    expect(Number(await shown(page, i + 1, 'stable'))).toBeCloseTo(expected[i], 3);
  }
});

test('adding 800 to every logit: the stable softmax does not move, the formula as written gives NaN', async ({ page }) => {
  const before = await Promise.all([1, 2, 3, 4].map((r) => shown(page, r, 'stable')));
  const shift = page.getByRole('slider', { name: 'add c to every logit' });
  await shift.focus();
  await shift.press('End');
  await expect(shift).toHaveValue('800');
  const after = await Promise.all([1, 2, 3, 4].map((r) => shown(page, r, 'stable')));
  expect(after).toEqual(before);
  for (let r = 1; r <= 4; r++) {
    expect(await shown(page, r, 'exp')).toBe('Infinity');
    expect(await shown(page, r, 'unstable')).toBe('NaN');
  }
  await expect(page.getByTestId('smx-status')).toContainText('Infinity/Infinity is NaN');
  // Just below the threshold (z + c at most 702), both ways still agree.
  await shift.fill('700');
  for (let r = 1; r <= 4; r++) expect(await shown(page, r, 'unstable')).toBe(await shown(page, r, 'stable'));
});

test('two classes: softmax([z1, z2]) equals σ(z1 − z2) and 1 − σ(z1 − z2)', async ({ page }) => {
  await page.getByRole('slider', { name: 'logit z1', exact: true }).fill('2.5');
  await page.getByRole('slider', { name: 'logit z2', exact: true }).fill('-1');
  const sigma = 1 / (1 + Math.exp(-(2.5 - -1)));
  const read = async (id: string) => Number((await page.getByTestId(id).textContent())!.trim());
  expect(await read('smx-two-p1')).toBeCloseTo(sigma, 3);
  expect(await read('smx-two-sigma')).toBeCloseTo(sigma, 3);
  expect(await read('smx-two-p2')).toBeCloseTo(1 - sigma, 3);
  expect(await read('smx-two-rest')).toBeCloseTo(1 - sigma, 3);
});

test('the widget passes axe in light and dark themes and fits a 390 px screen', async ({ page }) => {
  test.setTimeout(240_000); // axe over a whole widget is slow on a busy machine
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const { violations } = await new AxeBuilder({ page }).include('.smx').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious, theme).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a real digit: the widget shows the bundled network’s ten logits for image 50,000 and their softmax; dragging a logit moves them', async ({ page }) => {
  test.setTimeout(90_000);
  const { readFileSync } = await import('node:fs');
  const { MLP } = await import('../../src/engine/index.ts');
  const { mnistSubset } = await import('../../src/data/mnist-node.ts');
  const net = MLP.fromJSON(JSON.parse(readFileSync(new URL('../../src/models/bundled-mlp.json', import.meta.url), 'utf8')).network);
  const image = mnistSubset('train', 50_000, 1);
  const { Z } = net.forwardWithCache(image.X);
  const z = Array.from(Z[Z.length - 1].data);
  const p = softmax(z);

  const widget = page.getByTestId('real-digit-logits');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(widget.getByTestId('rdl-label')).toHaveText(String(image.labels[0]));
  await expect(widget.getByTestId('rdl-network')).toHaveAttribute('data-source', 'bundled');
  for (let k = 0; k < 10; k++) {
    expect(Number(await widget.getByTestId(`rdl-p${k}`).getAttribute('data-p'))).toBeCloseTo(p[k], 4);
  }
  const top = p.indexOf(Math.max(...p));
  await expect(widget.getByTestId('rdl-verdict')).toContainText(`The network says ${top}`);
  // Drag (by keyboard) another digit's logit to the top of its range: that digit now wins.
  const other = (top + 1) % 10;
  await widget.getByTestId(`rdl-z${other}`).focus();
  await page.keyboard.press('End');
  await expect(widget.getByTestId('rdl-verdict')).toContainText(`With your logits, the answer is ${other}`);
  const moved = z.map((v, k) => (k === other ? 25 : v));
  expect(Number(await widget.getByTestId(`rdl-p${other}`).getAttribute('data-p'))).toBeCloseTo(softmax(moved)[other], 4);
  await widget.getByRole('button', { name: "Back to the network's logits" }).click();
  await expect(widget.getByTestId('rdl-verdict')).toContainText(`The network says ${top}`);
});
