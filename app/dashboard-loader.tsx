'use client';

import dynamic from 'next/dynamic';
import { startEngineEarly } from './engine-worker';

// The engine starts with the page's first code, while the dashboard's own is still on its way.
startEngineEarly();

/** The dashboard reads the URL and starts a worker: it renders in the browser only. */
export const DashboardLoader = dynamic(() => import('./dashboard'), {
  ssr: false,
  loading: () => <p className="p-8 text-slate-500">Loading Riskdial…</p>,
});
