import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/notebook/batch.ts';
import { createHeadlessKernel } from '../../src/notebook/headless.ts';
import type { OutputItem } from '../../src/notebook/protocol.ts';
import * as engine from '../../src/engine/index.ts';

function manualBatcher(cap = 5) {
  const sent: { cell: number; items: OutputItem[] }[] = [];
  const timers: (() => void)[] = [];
  const clock = { ms: 0 };
  const b = createBatcher({ flush: (cell, items) => sent.push({ cell, items }), cap, schedule: (fn) => timers.push(fn), now: () => clock.ms });
  return { b, sent, clock, tick: () => timers.splice(0).forEach((fn) => fn()) };
}
const text = (t: string): OutputItem => ({ kind: 'text', stream: 'log', text: t });

describe('output protocol', () => {
  it('sends output in batches, not one message per item', () => {
    const { b, sent, tick } = manualBatcher(100);
    for (let i = 0; i < 50; i++) b.push(1, text(String(i)));
    expect(sent).toHaveLength(0);
    tick();
    expect(sent).toHaveLength(1);
    expect(sent[0].items).toHaveLength(50);
  });

  it('flushes by itself inside a long synchronous run (the timer cannot fire): after 30 ms or 500 items', () => {
    const { b, sent, clock } = manualBatcher(10_000);
    b.push(1, text('epoch 1'));
    clock.ms = 29;
    b.push(1, text('epoch 2'));
    expect(sent).toHaveLength(0);
    clock.ms = 30;
    b.push(1, text('epoch 3'));
    expect(sent).toEqual([{ cell: 1, items: [text('epoch 1'), text('epoch 2'), text('epoch 3')] }]);
    for (let i = 0; i < 500; i++) b.push(1, text(String(i)));
    expect(sent).toHaveLength(2);
    expect(sent[1].items).toHaveLength(500);
  });

  it('caps a run\'s output and says how much was left out; a new run starts a new count', () => {
    const { b, sent, tick } = manualBatcher(5);
    b.reset(1);
    for (let i = 0; i < 12; i++) b.push(1, text(String(i)));
    tick();
    const items = sent[0].items;
    expect(items).toHaveLength(6);
    expect(items[5]).toMatchObject({ stream: 'notice', text: expect.stringContaining('7 more output items') });
    b.reset(1);
    b.push(1, text('again'));
    tick();
    expect(sent[1].items).toEqual([text('again')]);
  });

  it('collapses consecutive progress updates into the latest, and never drops errors', () => {
    const { b, sent, tick } = manualBatcher(1);
    b.push(2, text('a'));
    b.push(2, { kind: 'progress', fraction: 0.1 });
    b.push(2, { kind: 'progress', fraction: 0.2 });
    b.push(2, { kind: 'error', error: { name: 'Error', message: 'x' } });
    tick();
    expect(sent[0].items.map((i) => i.kind)).toEqual(['text', 'progress', 'error']);
    expect(sent[0].items[1]).toMatchObject({ fraction: 0.2 });
  });

  it('every kind of output a cell makes is plain, cloneable data', async () => {
    const k = createHeadlessKernel(engine);
    const r = await k.run([
      "import { Matrix } from 'nn';",
      "console.log('x =', 3, [1, 2]);",
      "show(Matrix.fromArray([[1, 2], [3, 4]]), 'M');",
      'showImage(new Float32Array(784).fill(0.5), { label: "gray" });',
      "plot({ train: [3, 2, 1], val: [3, 2.5, NaN] }, { title: 'loss' });",
      'progress(1.5);',
      "check('sq', (x: number) => x * x, (x: number) => x ** 2, [[3]]);",
    ].join('\n'));
    expect(r.error).toBeUndefined();
    expect(r.outputs.map((o) => o.kind)).toEqual(['text', 'value', 'image', 'plot', 'progress', 'check']);
    expect(structuredClone(r.outputs)).toEqual(r.outputs);
    expect(r.outputs[0]).toEqual(text('x = 3 [1, 2]'));
    expect(r.outputs[1]).toMatchObject({ label: 'M', value: { caption: 'Matrix (2, 2)' } });
    expect((r.outputs[2] as any).pixels[0]).toBe(128);
    expect((r.outputs[3] as any).series[1]).toEqual({ name: 'val', values: [3, 2.5, null] });
    expect(r.outputs[4]).toMatchObject({ fraction: 1 });
  });

  it('showImage names what it got when it is not one image', async () => {
    const k = createHeadlessKernel(engine);
    const r = await k.run("import { Matrix } from 'nn';\nshowImage(new Matrix(784, 10));");
    expect(r.error).toMatchObject({ name: 'TypeError', line: 2, message: expect.stringContaining('Matrix (784, 10)') });
  });
});
