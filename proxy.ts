/**
 * A fresh nonce for every page request: Next puts it on its own inline bootstrap scripts (it reads
 * it from the request's Content-Security-Policy), and the browser runs no other inline script.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { pageContentSecurityPolicy } from './security-headers';

export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === 'production');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

/** Pages only: static files get the asset policy from next.config.ts. */
export const config = {
  matcher: [{ source: '/((?!_next/|ort/|models/|portfolios/|sw\\.js|favicon).*)' }],
};
