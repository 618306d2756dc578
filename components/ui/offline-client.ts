// The page side of offline reading: register sw.js, and when a newer build's worker is waiting,
// let the reader switch to it (the old version keeps working until they do).

function offerUpdate(waiting: ServiceWorker): void {
  const toast = document.querySelector<HTMLElement>('.update-toast');
  if (!toast) return;
  toast.hidden = false;
  toast.querySelector('button')!.onclick = () => waiting.postMessage('skipWaiting');
}

export function registerOffline(): void {
  if (!('serviceWorker' in navigator)) return;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) location.reload();
  });
  navigator.serviceWorker
    .register(`${import.meta.env.BASE_URL}sw.js`)
    .then((registration) => {
      if (registration.waiting && hadController) offerUpdate(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(installing);
        });
      });
    })
    .catch((error) => console.warn(`Offline reading is unavailable: ${error.message}`));
}
