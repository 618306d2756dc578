// The training panel's choice of architecture: chapter 16's convolutional network, chosen by
// keyboard, trains in the panel's worker with the WebAssembly CNN step and learns.
import { expect, test } from '@playwright/test';
import { describeLayers } from '../../src/models/chapter-cnn.ts';

const CH11 = '/11-training-and-validation/';

test('the convolutional network is chosen by keyboard, trains with the WebAssembly CNN step and learns', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(CH11);
  const panel = page.getByTestId('training-panel').first();
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId('mnist-loaded')).toBeVisible({ timeout: 60_000 });

  const architecture = panel.getByLabel('Architecture', { exact: true });
  await architecture.focus();
  await page.keyboard.press('ArrowDown'); // dense → convolutional
  await expect(architecture).toHaveValue('cnn');
  await expect(panel.getByTestId('network-hint')).toContainText(describeLayers());
  // what only the dense network has is off; the CNN's own training comes with it
  await expect(panel.getByLabel('Hidden layer sizes', { exact: true })).toBeDisabled();
  await expect(panel.getByLabel('Learning rate η', { exact: true })).toHaveValue('0.001');
  await expect(panel.getByLabel('Optimiser', { exact: true })).toHaveValue('adam'); // the field the run reads

  for (const [label, value] of [['Training images', '1000'], ['Epochs', '2'], ['Patience', '0']]) {
    await panel.getByLabel(label, { exact: true }).fill(value);
  }
  await panel.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(panel.getByTestId('run-result')).toBeVisible({ timeout: 200_000 });

  await expect(panel.getByTestId('engine')).toHaveText('(WebAssembly CNN step)'); // no fallback, no reason given
  await expect(panel.getByTestId('epoch-table').locator('tbody tr')).toHaveCount(2);
  // chance is 10%; two epochs of 1,000 images take it far past that
  const accuracy = Number((await panel.getByTestId('run-val-accuracy').textContent())!.replace('%', '')) / 100;
  expect(accuracy).toBeGreaterThan(0.5);
  await expect(panel.getByTestId('training-announcement')).toContainText('not saved as your model');
});
