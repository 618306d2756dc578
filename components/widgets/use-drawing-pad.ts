// The drawing half of a digit pad: pointer strokes (mouse, pen or finger) in black on a white canvas,
// and reading the drawing back prepared as MNIST was (src/data/preprocess.ts). Chapter 12's DigitPad
// and chapter 15's personal test set draw with it, so both pads behave and read alike.
import { useRef } from 'preact/hooks';
import { preprocessCanvas } from '../../src/data/preprocess';

export interface DrawingPadOptions {
  /** Canvas size in canvas pixels. */
  size: number;
  /** Pen width in canvas pixels (default: a fourteenth of the pad, as thick as an MNIST stroke). */
  pen?: number;
  /** Called after every stroke and after clearing, so the owner can read the drawing again. */
  onInk: () => void;
}

export function useDrawingPad({ size, pen, onInk }: DrawingPadOptions) {
  const pad = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ id: number; x: number; y: number } | null>(null);

  const point = (e: PointerEvent) => {
    const canvas = pad.current!;
    const rect = canvas.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) / rect.width) * canvas.width, y: ((e.clientY - rect.top) / rect.height) * canvas.height };
  };
  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = pad.current!.getContext('2d', { willReadFrequently: true })!;
    ctx.strokeStyle = '#000';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = pen ?? size / 14;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };
  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    e.preventDefault();
    pad.current!.setPointerCapture(e.pointerId);
    const p = point(e);
    drawing.current = { id: e.pointerId, ...p };
    stroke(p, p);
    onInk();
  };
  const onPointerMove = (e: PointerEvent) => {
    const last = drawing.current;
    if (!last || last.id !== e.pointerId) return;
    // Coalesced events keep fast pen and touch strokes smooth.
    for (const ev of e.getCoalescedEvents?.() ?? [e]) {
      const p = point(ev);
      stroke(drawing.current!, p);
      drawing.current = { id: e.pointerId, ...p };
    }
    onInk();
  };
  const onPointerUp = (e: PointerEvent) => {
    if (drawing.current?.id === e.pointerId) drawing.current = null;
  };
  const clear = () => {
    const canvas = pad.current!;
    canvas.getContext('2d')!.clearRect(0, 0, canvas.width, canvas.height);
    onInk();
  };
  /** The drawing as MNIST prepares a digit: x (784 values in [0, 1]), its ink box, or empty. */
  const read = () => {
    const canvas = pad.current!;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    return preprocessCanvas(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
  };

  return { pad, handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp }, clear, read };
}
