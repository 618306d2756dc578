// Which step trains, as the reader sees it: the training panel names the WebAssembly step, or the
// TypeScript step and why; cells train through the same WebAssembly step as the panel.
import { expect, test, type Page } from '@playwright/test';

const CH11 = '/11-training-and-validation/';

function panelOf(page: Page) {
  return page.getByTestId('training-panel').first();
}

async function openPanel(page: Page) {
  await page.goto(CH11);
  await panelOf(page).scrollIntoViewIfNeeded();
  await expect(panelOf(page).getByTestId('mnist-loaded')).toContainText('10,000 training images', { timeout: 30_000 });
}

async function train(page: Page, activation: string) {
  const panel = panelOf(page);
  for (const [label, value] of [['Hidden layer sizes', '16'], ['Epochs', '1'], ['Patience', '0']]) {
    const field = panel.getByLabel(label, { exact: true });
    await field.fill(value);
    await field.blur();
  }
  await panel.getByLabel('Activation g').selectOption(activation);
  await panel.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(panel.getByTestId('engine')).toBeVisible({ timeout: 120_000 });
}

test('the panel names the step that trained: WebAssembly for ReLU, TypeScript with the reason for sigmoid', async ({ page }) => {
  test.setTimeout(180_000);
  await openPanel(page);
  await train(page, 'relu');
  await expect(panelOf(page).getByTestId('engine')).toHaveText(/^\(WebAssembly step( on 2 threads)?\)$/);
  await panelOf(page).getByRole('button', { name: 'Reset', exact: true }).click();
  await train(page, 'sigmoid');
  await expect(panelOf(page).getByTestId('engine')).toHaveText('(TypeScript step: the WebAssembly step has ReLU hidden units only, not sigmoid)');
});

test('a cell trains on the WebAssembly step, and says so in the result', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(CH11);
  const cell = page.locator('.nb-cell.nb-live:not([data-exercise]):not([data-solution])').first();
  await cell.scrollIntoViewIfNeeded();
  const edit = cell.locator('.nb-edit');
  if (await edit.isVisible()) await edit.click();
  const content = cell.locator('.cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText([
    "import { MLP, train, loadMnist } from 'nn';",
    'const mnist = await loadMnist();',
    "const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 1 });",
    'const result = await train(net, { train: mnist.train.dataset(0, 2000) }, { epochs: 1, learningRate: 0.1, batchSize: 50, seed: 1 });',
    "console.log('step: ' + result.step.name);",
  ].join('\n'));
  await cell.locator('.nb-run').click();
  await expect(cell.locator('.nb-output')).toContainText('step: WebAssembly step', { timeout: 60_000 });
  await cell.getByRole('button', { name: /Reset/ }).click();
});
