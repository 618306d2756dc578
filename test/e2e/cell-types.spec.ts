import { expect, test } from '@playwright/test';
import { plainCells, replaceCode } from './cell-editing';

// Types in the cell editor, against chapter 3's cells: cell 1 imports matmul and defines W1 (16, 784),
// X (784, 5) and Z1; the cells after it see those names, as they do when the page runs in order.
const CHAPTER = '/03-why-vectorise/';


// The checker's first answer waits for TypeScript to load and read the declarations in its worker:
// each test's first expectation polls for it that long (a wait for readiness, not a timing claim).
const READY = { timeout: 90_000 };
test.setTimeout(180_000);

test.beforeEach(async ({ page }) => {
  await page.goto(CHAPTER);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('the type checker is not requested when the page loads, nor by a run, only when a cell is edited', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.reload({ waitUntil: 'networkidle' });
  const first = plainCells(page).nth(0);
  await first.locator('.nb-run').click();
  await expect(first.locator('.nb-status')).toHaveText(/^Done/, { timeout: 30_000 });
  expect(requests.filter((url) => /type-check/.test(url))).toEqual([]);
  await first.locator('.nb-edit').click();
  await first.locator('.cm-content').press('End');
  await expect.poll(() => requests.filter((url) => /type-check\.worker/.test(url)).length).toBe(1);
});

test('a type error is underlined under the code that has it, with its message', async ({ page }) => {
  const cell = plainCells(page).nth(1);
  // matmul, W1 and X come from cell 1: the cell is checked after the cells above it.
  await replaceCode(page, cell, "import { softmax } from 'nn';\nconst third = matmul(W1, X).shape[2];\nconst p = softmax(3);");
  const errors = cell.locator('.cm-lintRange-error');
  await expect(errors).toHaveText(['2', '3'], READY);
  await errors.first().hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText("Tuple type 'Shape' of length '2' has no element at index '2'.");
  await errors.nth(1).hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText("Argument of type 'number' is not assignable to parameter of type 'Matrix'.");
});

test('a cell with a type error still runs', async ({ page }) => {
  const cell = plainCells(page).nth(0);
  await replaceCode(page, cell, "const label: string = 42;\nshow(label, 'label');");
  await expect(cell.locator('.cm-lintRange-error')).toHaveText('label', READY);
  await cell.locator('.nb-run').click();
  await expect(cell.locator('.nb-output')).toHaveText('label: 42');
  await expect(cell.locator('.nb-status')).toHaveText(/^Done/);
});

test("typing `nn.` offers the engine's names, each with its signature and doc comment", async ({ page }) => {
  const cell = plainCells(page).nth(0);
  await replaceCode(page, cell, "import * as nn from 'nn';\nconst Z = nn");
  await page.keyboard.type('.');
  const list = page.locator('.cm-tooltip-autocomplete');
  await expect(list.locator('.cm-completionLabel', { hasText: /^matmul$/ })).toBeVisible(READY);
  await expect(list.locator('.cm-completionLabel', { hasText: /^softmax$/ })).toHaveCount(1);
  await page.keyboard.type('matm');
  await expect(list.locator('li[aria-selected] .cm-completionLabel')).toHaveText('matmul');
  const info = page.locator('.cm-completionInfo');
  await expect(info).toContainText('function matmul(A: nn.Matrix, B: nn.Matrix): nn.Matrix');
  await expect(info).toContainText('A·B: (n, k)·(k, m) → (n, m). The inner sizes must agree.');
  await page.keyboard.press('Enter');
  await expect(cell.locator('.cm-content')).toContainText('const Z = nn.matmul');
});

test('hovering a name shows its type', async ({ page }) => {
  const cell = plainCells(page).nth(0);
  await cell.locator('.nb-edit').click();
  await cell.locator('.cm-content').click();
  const z1 = cell.locator('.cm-content span', { hasText: /^Z1$/ }).first();
  // The first hover may come before the checker has loaded; move off and on again until it answers.
  await expect(async () => {
    await page.mouse.move(0, 0);
    await z1.hover();
    await expect(page.locator('.cm-tooltip-hover')).toContainText('const Z1: Matrix', { timeout: 5_000 });
  }).toPass(READY);
});
