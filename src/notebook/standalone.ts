// nn.js, the file an exported chapter imports (served at /nn.js, bundled at build): the engine, the
// cells' show/showImage/plot/progress/check printing to the terminal, and loadMnist downloading
// from the site. Runs in Node 24+ and Deno. The page writes the site's address in place of __NN_SITE__
// when the reader downloads it.
import * as engine from '../engine/index.ts';
import { loadMnist as loadFromSite, type LoadOptions } from '../data/mnist-browser.ts';
import { makePrelude } from './prelude.ts';
import { itemText } from './item-text.ts';

export * from '../engine/index.ts';

const SITE = '__NN_SITE__';

export function loadMnist(options: LoadOptions = {}) {
  return loadFromSite({ baseUrl: new URL('data/mnist/', SITE).href, ...options });
}

type Fn = (...args: any[]) => any;
const [show, showImage, plot, progress, check] = makePrelude({
  nn: { ...engine, loadMnist },
  emit: (item) => console.log(itemText(item)),
}) as Fn[];

export { show, showImage, plot, progress, check };
