import { expect, test, type Page } from '@playwright/test';

type Grid = number[][];
const values = async (page: Page, id: string): Promise<Grid> =>
  JSON.parse((await page.getByTestId(`matrix-${id}`).first().getAttribute('data-values'))!);

/** A·Bᵀ with plain loops: an independent check of what the page shows. */
const timesTransposed = (A: Grid, B: Grid): Grid => A.map((row) => B.map((other) => row.reduce((s, v, k) => s + v * other[k], 0)));

function expectClose(got: Grid, want: Grid, digits = 6) {
  expect(got.length).toBe(want.length);
  got.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(want[i][j], digits)));
}

/** Scrolls a widget into view and waits until its island has hydrated (Astro drops `ssr` then). */
async function hydrated(page: Page, testId: string) {
  const widget = page.getByTestId(testId);
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-testid="${testId}"])`)).not.toHaveAttribute('ssr', /.*/);
  return widget;
}

test.beforeEach(async ({ page }) => {
  await page.goto('/10-backpropagation/');
});

test('the stepper walks forward then backward, and dW2 = dZ2·A1ᵀ on the numbers it shows', async ({ page }) => {
  const stepper = await hydrated(page, 'backprop-stepper');
  const stage = page.getByTestId('backprop-stage');
  const next = stepper.getByRole('button', { name: 'Next →' });
  for (const id of ['Z1', 'A1', 'Z2', 'A2', 'dZ2', 'dW2']) {
    await next.click();
    await expect(stage).toHaveAttribute('data-step', id);
  }
  await expect(page.getByTestId('backprop-shapes')).toHaveText('(2, 5)·(5, 3) → (2, 3)');
  const [dZ2, A1, dW2] = [await values(page, 'dZ2'), await values(page, 'A1'), await values(page, 'dW2')];
  expectClose(dW2, timesTransposed(dZ2, A1));
  // the step reads A1 from the cache, and the page says so
  await expect(stepper.locator('.backprop-cache-item[data-state="read"]')).toHaveText(['A₁']);
});

for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
  test(`the stepper keeps one height at every step, ${viewport.width} px wide`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const stepper = await hydrated(page, 'backprop-stepper');
    const stage = page.getByTestId('backprop-stage');
    const next = stepper.getByRole('button', { name: 'Next →' });
    // every step's content ends inside the stage: the one height is the tallest step's, nothing is cut off
    const fits = () => stage.evaluate((el) => el.querySelector('.steady-shown')!.getBoundingClientRect().bottom <= el.getBoundingClientRect().bottom);
    const first = (await stepper.boundingBox())!.height;
    expect(await fits()).toBe(true);
    for (const id of ['Z1', 'A1', 'Z2', 'A2', 'dZ2', 'dW2', 'db2', 'dA1', 'dZ1', 'dW1', 'db1']) {
      await next.click();
      await expect(stage).toHaveAttribute('data-step', id);
      expect((await stepper.boundingBox())!.height, `at step ${id}`).toBe(first);
      expect(await fits(), `at step ${id}`).toBe(true);
    }
  });
}

test('dZ2 = (A2 − Y)/m, with m = 5, from the page’s own A2 and Y', async ({ page }) => {
  const stepper = await hydrated(page, 'backprop-stepper');
  await stepper.getByRole('button', { name: 'dZ₂', exact: true }).click();
  await expect(page.getByTestId('backprop-equation')).toHaveText('dZ₂ = (A₂ − Y) / m');
  const [A2, Y, dZ2] = [await values(page, 'A2'), await values(page, 'Y'), await values(page, 'dZ2')];
  expectClose(dZ2, A2.map((row, i) => row.map((a, j) => (a - Y[i][j]) / 5)));
  // every column of A2 is a probability distribution
  for (let j = 0; j < 5; j++) expect(A2[0][j] + A2[1][j]).toBeCloseTo(1, 6);
});

test('with ReLU, g′(Z1) is 1 where Z1 > 0 and 0 elsewhere, and dZ1 = dA1 ⊙ g′(Z1)', async ({ page }) => {
  const stepper = await hydrated(page, 'backprop-stepper');
  await stepper.getByLabel('hidden activation g').selectOption('relu');
  await stepper.getByRole('button', { name: 'Z₁', exact: true }).click();
  const Z1 = await values(page, 'Z1');
  await stepper.getByRole('button', { name: 'dZ₁', exact: true }).click();
  const [dA1, gPrime, dZ1] = [await values(page, 'dA1'), await values(page, 'gPrimeZ1'), await values(page, 'dZ1')];
  expectClose(gPrime, Z1.map((row) => row.map((z) => (z > 0 ? 1 : 0))));
  expectClose(dZ1, dA1.map((row, i) => row.map((d, j) => d * gPrime[i][j])));
  await expect(page.getByTestId('backprop-shapes')).toHaveText('(3, 5) ⊙ (3, 5) → (3, 5)');
});

test('the gradient check passes, and each "break it" bug fails the rows it should', async ({ page }) => {
  const widget = await hydrated(page, 'gradient-check');
  const ok = (name: string) => page.getByTestId(`gradcheck-${name}`).getAttribute('data-ok');
  const error = async (name: string) => Number(await page.getByTestId(`gradcheck-${name}`).getAttribute('data-error'));
  const summary = page.getByTestId('gradcheck-summary');
  await expect(summary).toHaveText('All four gradients pass the check.');

  await widget.getByLabel('wrong sign').check();
  await expect(summary).toHaveText('The check fails for dW₁, db₁, dW₂, db₂.');
  for (const name of ['dW1', 'db1', 'dW2', 'db2']) expect(await error(name)).toBeCloseTo(1, 3);

  await widget.getByLabel('missing 1/m').check();
  for (const name of ['dW1', 'db1', 'dW2', 'db2']) expect(await error(name)).toBeCloseTo(3 / 5, 2); // (m − 1)/(m + 1), m = 4

  await widget.getByLabel('scalar db').check();
  await expect(summary).toHaveText('The check fails for db₁, db₂.');
  expect([await ok('dW1'), await ok('dW2')]).toEqual(['true', 'true']);
  // the scalar bug gives every bias the same number
  await widget.getByLabel('look closer at').selectOption('db1');
  const db1 = (await values(page, 'analytic')).map((row) => row[0]);
  expect(new Set(db1.map((v) => v.toFixed(7))).size).toBe(1);

  await widget.getByLabel('σ′ as z(1 − z)').check();
  await expect(summary).toHaveText('The check fails for dW₁, db₁.');

  await widget.getByLabel('correct').check();
  await expect(summary).toHaveText('All four gradients pass the check.');
});
