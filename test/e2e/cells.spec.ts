import { expect, test, type Locator, type Page } from '@playwright/test';

// Against chapter 1's real cells: cell A loads MNIST image 0 and defines `pixels`; cell B uses it.
const CHAPTER = '/01-what-a-digit-looks-like/';

function plainCells(page: Page): Locator {
  return page.locator('.nb-cell.nb-live:not([data-exercise]):not([data-solution])');
}

async function replaceCode(page: Page, cell: Locator, code: string): Promise<void> {
  const edit = cell.locator('.nb-edit');
  if (await edit.isVisible()) await edit.click();
  const content = cell.locator('.cm-content');
  await expect(content).toBeVisible();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

test.beforeEach(async ({ page }) => {
  await page.goto(CHAPTER);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('cells are highlighted at build time and read as code without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(CHAPTER);
  const cell = page.locator('.nb-cell').first();
  await expect(cell.locator('pre.astro-code')).toContainText("import { loadMnist } from 'nn'");
  expect(await cell.locator('pre.astro-code span[style*="--shiki-dark"]').count()).toBeGreaterThan(3);
  await expect(cell.locator('.nb-run')).toHaveCount(0);
  await context.close();
});

test('run a cell and read its output; a second cell uses what the first defined', async ({ page }) => {
  const [a, b] = [plainCells(page).nth(0), plainCells(page).nth(1)];
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-output')).toContainText('label: 5 · bytes: 784', { timeout: 30_000 });
  await expect(a.locator('.nb-output canvas')).toHaveCount(1);
  await expect(a.locator('.nb-status')).toHaveText(/^Done/);
  await b.locator('.nb-run').click();
  const tables = b.locator('.nb-output table caption');
  await expect(tables).toHaveText(['gray, 0 … 255 · Matrix (28, 28)', 'x = pixels / 255 · Matrix (784, 1)']);
  await expect(b.locator('.nb-output')).toContainText('share of pixels that are exactly 0: 0.79'); // image 0 (a 5): 618 of 784 pixels are 0
  // The (784, 1) column is elided in the middle: rows 0, 1, 2, …, 781, 782, 783.
  await expect(b.locator('.nb-output table').nth(1).locator('tbody th')).toHaveText(['0', '1', '2', '…', '781', '782', '783']);
});

test('a cell whose input is missing says which cell to run first', async ({ page }) => {
  const b = plainCells(page).nth(1);
  await b.locator('pre').focus();
  await page.keyboard.press('Shift+Enter');
  const index = Number(await plainCells(page).nth(0).getAttribute('data-cell')) + 1;
  await expect(b.locator('.nb-error')).toContainText(`pixels is not defined — run the cell that defines it first (cell ${index}, above)`);
});

test('edit a cell, run it, reload: the edit is still there, marked edited, and runs; Reset restores it', async ({ page }) => {
  const a = plainCells(page).nth(0);
  await replaceCode(page, a, "const answer = 6 * 7;\nshow(answer, 'answer');");
  await expect(a.locator('.nb-badge')).toBeVisible();
  await page.keyboard.press('Shift+Enter');
  await expect(a.locator('.nb-output')).toHaveText('answer: 42');
  await page.reload();
  const again = plainCells(page).nth(0);
  await expect(again.locator('.cm-content')).toContainText('const answer = 6 * 7;');
  await expect(again.locator('.nb-badge')).toBeVisible();
  await again.locator('.nb-run').click();
  await expect(again.locator('.nb-output')).toHaveText('answer: 42');
  await again.locator('.nb-reset').click();
  await expect(again.locator('.cm-content')).toHaveCount(0);
  await expect(again.locator('pre.astro-code')).toContainText('loadMnist');
  await expect(again.locator('.nb-badge')).toBeHidden();
  await page.reload();
  await expect(plainCells(page).nth(0).locator('.cm-content')).toHaveCount(0);
});

test('Stop ends `while (true) {}` within a second, the page stays responsive, and the next run works', async ({ page }) => {
  const a = plainCells(page).nth(0);
  await replaceCode(page, a, 'let spins = 0;\nwhile (true) { spins++; }');
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-status')).toHaveText(/Running… \d+\.\d s/, { timeout: 5_000 });
  // The loop runs in the kernel worker: the page still answers, e.g. the theme toggle.
  const theme = await page.locator('html').getAttribute('data-theme');
  await page.locator('.theme-toggle').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', theme!);
  // Timed inside the page, from the click to the cell saying "Stopped" (the test runner's own latency
  // on a busy machine is not the reader's).
  const ms = await a.evaluate((cell) => new Promise<number>((resolve) => {
    const status = cell.querySelector('.nb-status')!;
    const start = performance.now();
    new MutationObserver(() => status.textContent === 'Stopped' && resolve(performance.now() - start))
      .observe(status, { childList: true, characterData: true, subtree: true });
    (cell.querySelector('.nb-stop') as HTMLButtonElement).click();
  }));
  expect(ms).toBeLessThan(1_000);
  await expect(a.locator('.nb-status')).toHaveText('Stopped');
  await expect(a.locator('.nb-output')).toContainText('every variable was lost');
  await replaceCode(page, a, 'show(typeof spins, "spins after restart");\nshow(1 + 1);');
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-output')).toHaveText(/spins after restart: undefined\s*2/);
});

test('errors point at the line of the reader\'s code', async ({ page }) => {
  const a = plainCells(page).nth(0);
  const n = Number(await a.getAttribute('data-cell')) + 1;
  await replaceCode(page, a, "import { Matrix } from 'nn';\nconst ok: number = 1;\n\nconst broken = (null as any).rows;\n");
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-status')).toHaveText('Error on line 4');
  await expect(a.locator('.nb-error')).toContainText(`TypeError (line 4 of cell ${n})`);
  await replaceCode(page, a, 'const a = 1;\nconst b = (;\n');
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-status')).toHaveText('Error on line 2');
  await expect(a.locator('.nb-error')).toContainText('SyntaxError');
});

test('plots, progress bars and errors thrown later (from a timer) all land under the cell', async ({ page }) => {
  const a = plainCells(page).nth(0);
  await replaceCode(page, a, [
    "plot({ train: [3, 2, 1.5, 1.2], val: [3, 2.4, 2, 1.9] }, { title: 'loss', xLabel: 'epoch' });",
    "for (let i = 1; i <= 4; i++) { progress(i / 4, 'epochs'); await new Promise((r) => setTimeout(r, 20)); }",
    "setTimeout(() => { throw new RangeError('late failure'); }, 50);",
  ].join('\n'));
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-plot svg path')).toHaveCount(2);
  await expect(a.locator('.nb-legend')).toHaveText('trainval');
  await expect(a.locator('.nb-progress')).toContainText('epochs · 100%');
  await expect(a.locator('.nb-error')).toContainText('RangeError (line 3 of cell');
  await expect(a.locator('.nb-error')).toContainText('late failure');
});

test('an exercise cell reports its check; its solution passes', async ({ page }) => {
  const exercise = page.locator('.nb-cell[data-exercise]').first();
  await exercise.locator('.nb-run').click();
  await expect(exercise.locator('.nb-check.nb-fail')).toContainText('✗ Not yet');
  await expect(exercise.locator('.nb-check')).toContainText('expected');
  const name = await exercise.getAttribute('data-exercise');
  const solution = page.locator(`.nb-cell[data-solution="${name}"]`);
  await solution.locator('xpath=ancestor::details').locator('summary').click();
  await solution.locator('.nb-run').click();
  await expect(solution.locator('.nb-check.nb-pass')).toContainText('✓ Passed');
});

test('before interaction a chapter page loads no editor, compiler or kernel', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
  await page.goto(CHAPTER, { waitUntil: 'networkidle' });
  expect(scripts.filter((s) => /editor|compile|kernel/.test(s))).toEqual([]);
});
