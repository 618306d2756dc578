// Chapter 16: the first layer of a trained convolutional network (the site's bundled one): its
// kernels of 5×5, and under each the feature map it makes from a test digit, after ReLU. Everything
// is the engine's CNN forward pass on one image; the network is fetched once, the digit is one of
// MNIST's test images, which the network never trained on.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadMnist, type Mnist } from '../../src/data/mnist-browser';
import { loadBundledCNN, type BundledCNN } from '../../src/models/bundled-cnn';
import { CHAPTER_CNN } from '../../src/models/chapter-cnn';
import { firstLayer } from './feature-maps';
import DigitThumb from '../ui/DigitThumb';
import MapPicture from '../ui/MapPicture';
import SteadyHeight from '../ui/SteadyHeight';
import './LearnedFilters.css';

type Loaded = { kind: 'loading' } | { kind: 'ready'; mnist: Mnist; model: BundledCNN } | { kind: 'failed'; message: string };

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
/** The chapter network's first-layer filters: the room kept while the network loads. */
const FILTERS = (CHAPTER_CNN.layers[0] as { filters: number }).filters;

export default function LearnedFilters() {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [index, setIndex] = useState(0);

  useEffect(() => {
    Promise.all([loadMnist(), loadBundledCNN()])
      .then(([mnist, model]) => setLoaded({ kind: 'ready', mnist, model }))
      .catch((e: Error) => setLoaded({ kind: 'failed', message: e.message }));
  }, []);

  const ready = loaded.kind === 'ready' ? loaded : null;
  const pixels = ready?.mnist.test.image(index) ?? new Uint8Array(784);
  const layer = useMemo(() => (ready ? firstLayer(ready.model.net, pixels) : null), [ready, pixels]);
  // One scale for all eight maps, so a filter that responds weakly to this digit looks weak.
  const mapMax = layer ? Math.max(...layer.maps.map((m) => m.reduce((a, v) => Math.max(a, v), 0))) : 0;
  const label = ready?.mnist.test.labels[index];

  const status = loaded.kind === 'loading'
    ? 'Loading the trained network and MNIST…'
    : loaded.kind === 'failed'
      ? `Could not load: ${loaded.message}`
      : `Test image ${index}, a ${label}: the network reads ${layer!.predicted} (${pct(layer!.confidence)} sure). Trained on ${ready!.model.about.split.trainCount.toLocaleString('en')} images, it reads ${pct(ready!.model.about.valAccuracy)} of 10,000 validation images correctly.`;
  const reserve = [
    'Test image 9999, a 8: the network reads 8 (100.0% sure). Trained on 50,000 images, it reads 99.99% of 10,000 validation images correctly.',
    'Could not load: the bundled network could not be downloaded (HTTP 404)',
  ];

  return (
    <div class="widget learned" data-testid="learned-filters">
      <div class="learned-digit">
        <DigitThumb pixels={pixels} size={84} label={label === undefined ? 'loading an MNIST test image' : `MNIST test image ${index}, a ${label}`} />
        <div class="learned-nav">
          <button type="button" disabled={!ready || index === 0} onClick={() => setIndex(index - 1)}>Previous digit</button>
          <button type="button" disabled={!ready || index === 9999} onClick={() => setIndex(index + 1)} data-testid="learned-next">Next digit</button>
        </div>
      </div>
      <SteadyHeight reserve={reserve.map((text) => <p class="learned-status">{text}</p>)}>
        <p class="learned-status" aria-live="polite" data-testid="learned-status">{status}</p>
      </SteadyHeight>
      <ol class="learned-grid" aria-label="the filters of the first layer, each above its feature map">
        {Array.from({ length: layer?.filters.length ?? FILTERS }, (_, f) => (
          <li data-testid="learned-filter">
            {layer
              ? <>
                  <MapPicture values={layer.filters[f]} side={layer.k} size={64} label={`filter ${f + 1}: its ${layer.k}×${layer.k} kernel`} />
                  <MapPicture values={layer.maps[f]} side={layer.side} max={mapMax} size={64} label={`filter ${f + 1}: its ${layer.side}×${layer.side} feature map of this digit`} />
                </>
              : <><span class="learned-empty" /><span class="learned-empty" /></>}
            <span class="learned-name">K1[{f}]</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
