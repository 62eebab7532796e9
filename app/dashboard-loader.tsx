'use client';

import dynamic from 'next/dynamic';

/** The dashboard reads the URL and starts a worker: it renders in the browser only. */
export const DashboardLoader = dynamic(() => import('./dashboard'), {
  ssr: false,
  loading: () => <p className="p-8 text-slate-500">Loading Riskdial…</p>,
});
