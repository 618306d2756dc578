// One 28×28 MNIST-style image (784 bytes, 0 = background, 255 = ink) drawn on a canvas,
// light ink on dark as the network sees it, scaled up with crisp pixels.
import { useEffect, useRef } from 'preact/hooks';
import './DigitThumb.css';

export default function DigitThumb({ pixels, size = 56, label }: { pixels: Uint8Array; size?: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(28, 28);
    for (let p = 0; p < 784; p++) {
      const v = pixels[p];
      image.data.set([v, v, v, 255], 4 * p);
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} class="digitthumb" width={28} height={28} style={{ width: `${size}px`, height: `${size}px` }} role="img" aria-label={label} />;
}
