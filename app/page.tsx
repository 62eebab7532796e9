import { connection } from 'next/server';
import { DashboardLoader } from './dashboard-loader';

/** Rendered per request, so that Next's inline scripts carry this request's CSP nonce (proxy.ts). */
export default async function Page() {
  await connection();
  return <DashboardLoader />;
}
