import { expect, test } from '@playwright/test';
import { plainCells, replaceCode } from './cell-editing';

// Against chapter 1's real cells: cell A loads MNIST image 0 and defines `pixels`; cell B uses it.
const CHAPTER = '/01-what-a-digit-looks-like/';


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

test('Stop ends `while (true) {}`, the page stays responsive, and the next run works', async ({ page }) => {
  const a = plainCells(page).nth(0);
  await replaceCode(page, a, 'let spins = 0;\nwhile (true) { spins++; }');
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-status')).toHaveText(/Running… \d+\.\d s/, { timeout: 5_000 });
  // The loop runs in the kernel worker: the page still answers, e.g. the theme toggle.
  const theme = await page.locator('html').getAttribute('data-theme');
  await page.locator('.theme-toggle').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', theme!);
  // How fast Stop answers is the benchmark's business, not a test's (a busy machine would fail it).
  await a.locator('.nb-stop').click();
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
  // The line is marked in the editor itself, and the error quotes it; no frames of the runtime.
  await expect(a.locator('.cm-line.nb-error-line')).toHaveText('const broken = (null as any).rows;');
  await expect(a.locator('.nb-error-source')).toHaveText('const broken = (null as any).rows;');
  await expect(a.locator('.nb-error')).not.toContainText('.js:');
  // A shape error names the line's operation and both shapes.
  await replaceCode(page, a, "import { Matrix, matmul } from 'nn';\nconst W1 = new Matrix(16, 784);\nconst X = new Matrix(10, 64);\nconst Z1 = matmul(W1, X);\n");
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-status')).toHaveText('Error on line 4');
  await expect(a.locator('.nb-error')).toContainText('(16, 784)');
  await expect(a.locator('.nb-error')).toContainText('(10, 64)');
  await expect(a.locator('.nb-error-source')).toHaveText('const Z1 = matmul(W1, X);');
  await expect(a.locator('.cm-line.nb-error-line')).toHaveText('const Z1 = matmul(W1, X);');
  // A function written in another cell fails there: that cell's line is marked too.
  const b = plainCells(page).nth(1);
  await replaceCode(page, a, 'function firstRow(m: any) {\n  return m.rows.length;\n}');
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-status')).toHaveText(/^Done/);
  await replaceCode(page, b, 'const r = firstRow(null);');
  await b.locator('.nb-run').click();
  await expect(b.locator('.nb-error')).toContainText(`TypeError (line 2 of cell ${n})`);
  await expect(b.locator('.nb-error-source')).toHaveText('return m.rows.length;');
  await expect(a.locator('.cm-line.nb-error-line')).toHaveText('  return m.rows.length;');
  // Editing clears the mark: the line it named may have changed.
  await a.locator('.cm-content').click();
  await page.keyboard.type(' ');
  await expect(a.locator('.cm-line.nb-error-line')).toHaveCount(0);
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

test('the last expression is shown: a Matrix as numpy prints it, a heat map and a 28×28 image a toggle away', async ({ page }) => {
  const a = plainCells(page).nth(0);
  await replaceCode(page, a, "import { Matrix } from 'nn';\nconst M = new Matrix(28, 28, Float32Array.from({ length: 784 }, (_, k) => (k % 28) / 27));\nM");
  await a.locator('.nb-run').click();
  const text = a.locator('.nb-result-text');
  await expect(text).toContainText('Matrix (28, 28)');
  await expect(text).toContainText('[[      0, 0.03704, 0.07407,  0.1111,'); // row 0: 0/27, 1/27, 2/27 …, one width
  await a.getByRole('button', { name: 'Heat map' }).click();
  await expect(a.locator('.nb-heat canvas')).toHaveAttribute('aria-label', 'Heat map of Matrix (28, 28), from 0 (dark) to 1 (bright)');
  await expect(text).toBeHidden();
  await a.getByRole('button', { name: 'As a 28×28 image' }).click();
  await expect(a.locator('.nb-result-view .nb-image canvas')).toHaveCount(1);
  await expect(a.locator('.nb-heat')).toHaveCount(0);
  await a.getByRole('button', { name: 'As a 28×28 image' }).click();
  await expect(text).toBeVisible();
  // A trailing semicolon hides the value, as in Jupyter.
  await replaceCode(page, a, 'const seven = 3 + 4;\nseven;');
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-status')).toHaveText(/^Done/);
  await expect(a.locator('.nb-output')).toBeHidden();
  await replaceCode(page, a, 'seven * 6');
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-output')).toHaveText('42');
});

test('a long synchronous cell prints as it goes, and Stop keeps what it printed', async ({ page }) => {
  const a = plainCells(page).nth(0);
  await replaceCode(page, a, "console.log('before the loop');\nconst t0 = Date.now();\nwhile (Date.now() - t0 < 120_000) {}\nconsole.log('never');");
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-output')).toContainText('before the loop');
  await expect(a.locator('.nb-status')).toHaveText(/^Running/);
  await a.locator('.nb-stop').click();
  await expect(a.locator('.nb-status')).toHaveText('Stopped');
  await expect(a.locator('.nb-output')).toContainText('before the loop');
  await expect(a.locator('.nb-output')).toContainText('every variable was lost');
});

test('a name that does not exist gets the hint that fits: typo, page global, nowhere, import', async ({ page }) => {
  const a = plainCells(page).nth(0);
  await replaceCode(page, a, 'notAFunction();');
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-error')).toContainText('notAFunction is not defined — it is not defined anywhere on this page');
  await replaceCode(page, a, 'document.title');
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-error')).toContainText('document is not defined — cells run in a worker: there is no page here');
  await replaceCode(page, a, 'show(grey);');
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-error')).toContainText('grey is not defined — did you mean gray?'); // cell B defines `gray`
  await replaceCode(page, a, "import { softMax } from 'nn';");
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-error')).toContainText("ImportError (line 1 of cell");
  await expect(a.locator('.nb-error')).toContainText("'nn' has no export named 'softMax': did you mean 'softmax'?");
  await replaceCode(page, a, "import * as np from 'numpy';");
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-error')).toContainText("cells can import only from 'nn', not 'numpy'. 'nn' offers: ");
  await expect(a.locator('.nb-error')).toContainText('matmul');
});

test('"Run all above" clears the cell\'s stale error and runs the cells above', async ({ page }) => {
  const b = plainCells(page).nth(1);
  await b.locator('.nb-run').click();
  await expect(b.locator('.nb-error')).toContainText('pixels is not defined');
  await b.locator('.nb-above').click();
  await expect(b.locator('.nb-error')).toHaveCount(0);
  await expect(b.locator('.nb-status')).toHaveText('');
  await expect(plainCells(page).nth(0).locator('.nb-status')).toHaveText(/^Done/, { timeout: 30_000 });
  await b.locator('.nb-run').click();
  await expect(b.locator('.nb-status')).toHaveText(/^Done/);
});

test('keys as in Jupyter: Shift+Enter runs and moves on, Ctrl+Enter stays, Escape leaves the editor, ? lists them', async ({ page }) => {
  const [a, b] = [plainCells(page).nth(0), plainCells(page).nth(1)];
  await replaceCode(page, a, 'const k = 6 * 7;\nk');
  await page.keyboard.press('Control+Enter');
  await expect(a.locator('.nb-output')).toHaveText('42');
  await expect(a.locator('.cm-content')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(a).toBeFocused();
  await page.keyboard.press('Enter'); // back into the editor
  await expect(a.locator('.cm-content')).toBeFocused();
  await page.keyboard.press('Shift+Enter');
  await expect(b).toBeFocused();
  await expect(a.locator('.nb-output')).toHaveText('42');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts for cells' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Run the cell and move to the next one');
  await expect(help).toContainText('Leave the editor');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // Typing "?" in the editor types it.
  await a.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('?');
  await expect(help).toBeHidden();
  await expect(a.locator('.cm-content')).toContainText('k?');
});

test('Restart clears every cell; a cell whose input changed since it ran says so', async ({ page }) => {
  const [a, b] = [plainCells(page).nth(0), plainCells(page).nth(1)];
  const na = Number(await a.getAttribute('data-cell')) + 1;
  await a.locator('.nb-run').click();
  await expect(a.locator('.nb-status')).toHaveText(/^Done/, { timeout: 30_000 });
  await b.locator('.nb-run').click();
  await expect(b.locator('.nb-status')).toHaveText(/^Done/);
  await expect(b.locator('.nb-stale')).toBeHidden();
  // Editing cell A (which defines `pixels`, read by B) makes B stale; running B again makes it fresh.
  await a.locator('.nb-edit').click();
  await a.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n// an edit');
  await expect(b.locator('.nb-stale')).toHaveText(`stale: cell ${na} has changed since`);
  await b.locator('.nb-run').click();
  await expect(b.locator('.nb-status')).toHaveText(/^Done/);
  await expect(b.locator('.nb-stale')).toBeHidden();
  await page.getByRole('button', { name: /^Restart/ }).click();
  await expect(a.locator('.nb-output')).toBeHidden();
  await expect(b.locator('.nb-output')).toBeHidden();
  await expect(b.locator('.nb-status')).toHaveText('Kernel restarted');
  await b.locator('.nb-run').click();
  await expect(b.locator('.nb-error')).toContainText('pixels is not defined');
});

test("download this chapter's cells: a TypeScript file with the reader's edits, a Deno notebook, and nn.js", async ({ page, baseURL }) => {
  const a = plainCells(page).nth(0);
  await replaceCode(page, a, "import { Matrix } from 'nn';\nconst edited = new Matrix(2, 2);");
  const read = async (name: RegExp) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    const stream = await download.createReadStream();
    let text = '';
    for await (const chunk of stream) text += chunk;
    return { file: download.suggestedFilename(), text };
  };
  const ts = await read(/^Download 01-what-a-digit-looks-like\.ts$/);
  expect(ts.file).toBe('01-what-a-digit-looks-like.ts');
  expect(ts.text).toContain("from './nn.js';");
  expect(ts.text).toContain('const edited = new Matrix(2, 2);');
  expect(ts.text).not.toContain("from 'nn'");
  const nb = JSON.parse((await read(/\.ipynb$/)).text);
  expect(nb.metadata.kernelspec.name).toBe('deno');
  const engine = await read(/nn\.js$/);
  expect(engine.text).toContain(`${baseURL}/`);
  expect(engine.text).not.toContain('__NN_SITE__');
  expect(engine.text).toMatch(/export\s*\{[^}]*\bmatmul\b/);
});
