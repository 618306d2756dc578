// Offline reading. The build fills in VERSION (a hash of every file) and PRECACHE (every page and
// asset of this build). A new build is a new cache: the new worker fills it, waits until the reader
// accepts the update (or closes every tab), then deletes the old one. MNIST chunks are not handled
// here: the data loader keeps them in its own cache, which this worker never touches.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const PREFIX = 'nn-from-scratch-site-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  const urls = PRECACHE.map((path) => new URL(path, self.registration.scope).href);
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(urls)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') self.skipWaiting();
});

async function fromCacheOrNetwork(request) {
  const cache = await caches.open(CACHE);
  // ignoreVary: scripts and fonts are CORS requests carrying an Origin header that the precache
  // requests lacked, and a server answering with "Vary: Origin" would otherwise never match.
  // ignoreSearch: a page load may carry a query, and Pagefind asks for pagefind-entry.json?ts=… to
  // skip the HTTP cache; the precached copy (without the query) is the same build's file.
  const path = new URL(request.url).pathname;
  const ignoreSearch = request.mode === 'navigate' || path.includes('/pagefind/');
  const cached = await cache.match(request, { ignoreSearch, ignoreVary: true });
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === 'navigate') {
      const notFound = await cache.match(new URL('404.html', self.registration.scope).href);
      if (notFound) return notFound;
    }
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.includes('/data/mnist/')) return;
  event.respondWith(fromCacheOrNetwork(event.request));
});
