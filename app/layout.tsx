import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { ServiceWorkerRegistration } from './service-worker-registration';

/** Inlined so the page never has to fetch it, online or off. */
const ICON =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/>' +
      '<text x="16" y="23" font-family="Arial" font-size="19" font-weight="700" fill="#fff" text-anchor="middle">R</text></svg>',
  );

export const metadata: Metadata = {
  title: 'Riskdial — credit-risk scenarios',
  icons: { icon: ICON },
  description: "Move credit-risk assumptions and see the bank's own PD model re-score the portfolio, in the browser.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {children}
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
