// What a new reader did to chapter 11's training panel, repeated: typing into its number fields,
// working it by keyboard, a bad run after a good one, the overfitting panel, Reset and the saved models.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MLP, OPTIMIZER_DEFAULTS, argmax } from '../../src/engine/index.ts';

const CH11 = '/11-training-and-validation/';

function panelOf(page: Page, nth = 0) {
  return page.getByTestId('training-panel').nth(nth);
}

async function openPanel(page: Page, nth = 0) {
  await page.goto(CH11);
  const panel = panelOf(page, nth);
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId('mnist-loaded')).toBeVisible({ timeout: 60_000 });
  return panel;
}

async function type(page: Page, label: string, value: string, nth = 0) {
  const field = panelOf(page, nth).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.blur();
}

const train = (page: Page, nth = 0) => panelOf(page, nth).getByRole('button', { name: 'Train', exact: true });

test('a number field that does not hold a usable number says what is wrong and keeps Train off', async ({ page }) => {
  const panel = await openPanel(page);
  await expect(train(page)).toBeEnabled();
  await type(page, 'Learning rate η', '');
  await expect(panel.getByTestId('learningRate-error')).toHaveText('Type a number here.');
  await expect(panel.getByLabel('Learning rate η', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(train(page)).toBeDisabled();
  await expect(panel.getByTestId('fields-invalid')).toBeVisible();
  await type(page, 'Learning rate η', 'fast');
  await expect(panel.getByTestId('learningRate-error')).toHaveText('“fast” is not a number.');
  await type(page, 'Learning rate η', '0.1');
  await type(page, 'Batch size', '2.5');
  await expect(panel.getByTestId('batchSize-error')).toHaveText('A whole number, please (not 2.5).');
  await type(page, 'Epochs', '');
  await type(page, 'Seed', 'x');
  await expect(train(page)).toBeDisabled();
  // What was typed stays in the field (nothing is replaced by a clamped number).
  await expect(panel.getByLabel('Batch size', { exact: true })).toHaveValue('2.5');
  await type(page, 'Batch size', '32');
  await type(page, 'Epochs', '1');
  await type(page, 'Seed', '1');
  await expect(panel.getByTestId('fields-invalid')).toHaveCount(0);
  await expect(train(page)).toBeEnabled();
});

test('a run far worse than the saved model does not silently replace it', async ({ page }) => {
  test.setTimeout(180_000);
  const panel = await openPanel(page);
  await type(page, 'Hidden layer sizes', '32');
  await type(page, 'Epochs', '1');
  await type(page, 'Patience', '0');
  await train(page).click();
  await expect(panel.getByTestId('current-model')).toContainText('784-32-10 relu', { timeout: 120_000 });
  const good = (await panel.getByTestId('current-model').locator('strong').textContent())!;
  // A mistyped learning rate: the network hardly moves and stays near guessing.
  await type(page, 'Learning rate η', '0.000001');
  await train(page).click();
  await expect(panel.getByTestId('not-saved-worse')).toContainText('was not saved', { timeout: 120_000 });
  await expect(panel.getByTestId('current-model').locator('strong')).toHaveText(good);
  await panel.getByRole('button', { name: 'Save it anyway' }).click();
  await expect(panel.getByTestId('current-model').locator('strong')).not.toHaveText(good);
});

test('by keyboard, focus moves to Stop when Train disables, and back to Train when Stop does, and is announced', async ({ page }) => {
  const panel = await openPanel(page);
  await type(page, 'Epochs', '200');
  await type(page, 'Patience', '0');
  await train(page).focus();
  await page.keyboard.press('Enter');
  const stop = panel.getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toBeFocused();
  await expect(panel.getByTestId('training-announcement')).toContainText('Focus is on Stop');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('stopped')).toBeVisible();
  await expect(train(page)).toBeFocused();
  await expect(panel.getByTestId('training-announcement')).toContainText('Focus is back on Train');
});

test('the overfitting panel shows and exports its own network, and says its run was not saved', async ({ page }) => {
  test.setTimeout(180_000);
  const panel = await openPanel(page, 1);
  await type(page, 'Epochs', '2', 1);
  await type(page, 'Hidden layer sizes', '24', 1);
  await train(page, 1).click();
  const own = panel.getByTestId('own-model');
  await expect(own).toContainText('784-24-10 relu', { timeout: 120_000 });
  await expect(own).toContainText('This run was not saved');
  await expect(panelOf(page, 0).getByTestId('current-model')).toContainText('No saved model yet');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export this network (JSON)' }).click(),
  ]);
  const { readFile } = await import('node:fs/promises');
  const exported = JSON.parse(await readFile((await file.path())!, 'utf8'));
  expect(exported.network.config.sizes).toEqual([784, 24, 10]);
});

test('Reset gives the charts fresh axes; legend entries are plain labels, not buttons', async ({ page }) => {
  test.setTimeout(120_000);
  const panel = await openPanel(page);
  await type(page, 'Epochs', '2');
  await train(page).click();
  await expect(panel.getByTestId('run-result')).toBeVisible({ timeout: 120_000 });
  const plot = panel.locator('.uplot').first();
  const before = await plot.elementHandle();
  await panel.getByRole('button', { name: 'Reset', exact: true }).click();
  // The old chart (with the last run's axes) is gone, replaced by a new, empty one.
  await expect.poll(() => before!.evaluate((el) => el.isConnected)).toBe(false);
  await expect(panel.locator('.uplot')).toHaveCount(2);
  const legend = panel.locator('.u-legend .u-series').first();
  expect(await legend.evaluate((el) => getComputedStyle(el).cursor)).not.toBe('pointer');
  expect(await legend.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none');
});

test('the per-epoch table shows its last row whole', async ({ page }) => {
  test.setTimeout(120_000);
  const panel = await openPanel(page);
  await type(page, 'Epochs', '12');
  await type(page, 'Patience', '0');
  await type(page, 'Training images', '1000');
  await train(page).click();
  await expect(panel.getByTestId('run-result')).toBeVisible({ timeout: 120_000 });
  const wrap = panel.locator('.tpanel-table-wrap');
  // Without any scrolling by the reader: the newest epoch is the row in view, whole.
  await expect(panel.getByTestId('epoch-table').locator('tbody tr')).toHaveCount(12);
  const lastRow = panel.getByTestId('epoch-table').locator('tbody tr').last();
  const [row, box] = [(await lastRow.boundingBox())!, (await wrap.boundingBox())!];
  const inner = await wrap.evaluate((el) => el.clientHeight);
  expect(row.y).toBeGreaterThanOrEqual(box.y);
  expect(row.y + row.height).toBeLessThanOrEqual(box.y + inner + 0.5);
});

test('the saved-model picker shows date and time, and one model can be deleted', async ({ page }) => {
  const panel = await openPanel(page);
  const file = (hidden: number) => ({
    name: `net-${hidden}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(MLP.create({ sizes: [784, hidden, 10], activation: 'relu', init: 'he', seed: 1 }).toJSON())),
  });
  const input = panel.locator('input[type="file"]');
  await input.setInputFiles(file(16));
  await expect(panel.getByTestId('current-model')).toContainText('784-16-10');
  await input.setInputFiles(file(20));
  await expect(panel.getByTestId('current-model')).toContainText('784-20-10');
  const picker = panel.getByLabel('Use saved model');
  const year = String(new Date().getFullYear());
  for (const text of await picker.locator('option').allTextContents()) expect(text).toContain(year);
  await panel.getByTestId('delete-model').click();
  await expect(panel.getByTestId('current-model')).toContainText('784-16-10');
  await expect(picker).toHaveCount(0); // one model left: nothing to pick between
  await panel.getByTestId('delete-model').click();
  await expect(panel.getByTestId('current-model')).toContainText('No saved model yet');
});

test('Adam, dropout, weight decay and two hidden layers train, export, and come back in the fields after a reload', async ({ page }) => {
  test.setTimeout(240_000);
  const panel = await openPanel(page);
  await type(page, 'Hidden layer sizes', '32, 16');
  await panel.getByLabel('Optimiser').selectOption('adam');
  // The β fields start at the engine's defaults.
  await expect(panel.getByLabel('β1 (average of g)')).toHaveValue(String(OPTIMIZER_DEFAULTS.adam.beta1));
  await expect(panel.getByLabel('β2 (average of g²)')).toHaveValue(String(OPTIMIZER_DEFAULTS.adam.beta2));
  await type(page, 'Learning rate η', '0.001');
  await type(page, 'Weight decay λ', '0.0001');
  await type(page, 'Epochs', '2');
  await type(page, 'Patience', '0');
  await type(page, 'Training images', '2000');
  // A bad value in the new fields says why and keeps Train off, like the others.
  await type(page, 'Dropout keep p', '0');
  await expect(panel.getByTestId('dropout-error')).toHaveText('It must be above 0.');
  await type(page, 'β2 (average of g²)', '1');
  await expect(panel.getByTestId('beta2-error')).toContainText('below 1');
  await expect(train(page)).toBeDisabled();
  await expect(panel.getByTestId('fields-invalid')).toBeVisible();
  await type(page, 'Dropout keep p', '0.8');
  await type(page, 'β2 (average of g²)', '0.99');
  await expect(train(page)).toBeEnabled();
  await train(page).click();
  await expect(panel.getByTestId('current-model')).toContainText('784-32-16-10 relu', { timeout: 200_000 });
  // The result names the step that ran and, where the WebAssembly step loaded, why it could not.
  const engine = panel.getByTestId('engine');
  await expect(engine).toContainText('TypeScript step');
  const fellBack = (await engine.textContent())!.includes(':');
  if (fellBack) await expect(engine).toContainText('the WebAssembly step has no Adam');

  // The exported numpy script predicts as the exported network does in the engine.
  const download = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name }).click()]);
    return readFile((await file.path())!, 'utf8');
  };
  const exported = JSON.parse(await download('Export JSON'));
  expect(exported.training).toMatchObject({ hidden: [32, 16], optimizer: { name: 'adam', beta1: 0.9, beta2: 0.99 }, weightDecay: 0.0001, dropout: 0.8, learningRate: 0.001 });
  const script = await download('Export numpy script');
  if (spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0) {
    const dir = mkdtempSync(join(tmpdir(), 'panel-export-'));
    writeFileSync(join(dir, 'net.py'), script);
    const printed = [...execFileSync('python3', [join(dir, 'net.py')], { encoding: 'utf8' }).matchAll(/digit (\d+)/g)].map((m) => Number(m[1]));
    const { mnistSubset } = await import('../../src/data/mnist-node.ts');
    expect(printed).toEqual(argmax(MLP.fromJSON(exported.network).forward(mnistSubset('test', 0, 8).X), 0));
  }

  await page.reload();
  const again = panelOf(page);
  await again.scrollIntoViewIfNeeded();
  await expect(again.getByTestId('mnist-loaded')).toBeVisible({ timeout: 60_000 });
  await expect(again.getByLabel('Optimiser')).toHaveValue('adam');
  await expect(again.getByLabel('β2 (average of g²)')).toHaveValue('0.99');
  await expect(again.getByLabel('Weight decay λ')).toHaveValue('0.0001');
  await expect(again.getByLabel('Dropout keep p')).toHaveValue('0.8');
  await expect(again.getByLabel('Hidden layer sizes', { exact: true })).toHaveValue('32, 16');
  await expect(again.getByLabel('Learning rate η', { exact: true })).toHaveValue('0.001');
  await expect(again.getByTestId('settings-restored')).toBeVisible();
  await expect(again.getByTestId('model-recipe')).toHaveText('η = 0.001, batches of 32, 2 epochs, Adam, λ = 0.0001, keep 0.8');
});
