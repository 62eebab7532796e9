'use client';

import { useEffect } from 'react';

/**
 * The first figure on the page. Storing every file for the next visit (17 MB, most of it the
 * WebAssembly runtime) waits for it: begun at once, it delayed the first figures of a first visit by
 * about 0.7 s on two cores, and on a slow link it would download the runtime twice at the same time.
 */
const FIRST_FIGURE = '[data-testid="kpi-expected-loss"]';

/**
 * Registers the service worker (public/sw.js, made by `npm run build`) that lets the page reload and
 * work with the network cut after one visit. Renders nothing.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    // Where there is no secure context (a LAN address over plain http) the API does not exist: the page works as before, online.
    if (!('serviceWorker' in navigator)) return;
    if (process.env.NODE_ENV !== 'production') {
      // In development a stored build would serve yesterday's code: drop one a production run left on this origin.
      void navigator.serviceWorker.getRegistrations().then((registrations) => registrations.forEach((r) => void r.unregister()));
      return;
    }
    const register = () => {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
        console.warn('Riskdial could not install its service worker; it works online only:', error);
      });
    };
    if (document.querySelector(FIRST_FIGURE)) return register();
    const observer = new MutationObserver(() => {
      if (!document.querySelector(FIRST_FIGURE)) return;
      observer.disconnect();
      register();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return null;
}
