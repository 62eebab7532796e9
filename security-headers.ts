/**
 * The page's security headers, in one place (next.config.ts sets them on every response; proxy.ts
 * sets the page's own Content-Security-Policy with a fresh nonce per request). Privacy is enforced by
 * the browser, not only by our code: the page may load and connect to its own origin only.
 */

/** Directives every response shares: its own origin only, no plug-ins, no framing, no foreign forms. */
const COMMON = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "worker-src 'self'",
];

/**
 * The page: Next's inline bootstrap scripts carry this request's nonce, so no 'unsafe-inline';
 * 'wasm-unsafe-eval' lets onnxruntime compile its WebAssembly. Styles come from the page's own
 * stylesheet; React sets element styles through the CSSOM, which style-src does not govern.
 * Development adds what Next's dev server needs (eval for React's debugging, its websocket).
 */
export function pageContentSecurityPolicy(nonce: string, production: boolean): string {
  return [
    ...COMMON,
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'${production ? '' : " 'unsafe-eval'"}`,
    `style-src 'self'${production ? '' : " 'unsafe-inline'"}`,
    `connect-src 'self'${production ? '' : ' ws:'}`,
  ].join('; ');
}

/** Everything else (scripts, workers, the model, the tape): no inline script at all. */
export function assetContentSecurityPolicy(production: boolean): string {
  return [
    ...COMMON,
    `script-src 'self' 'wasm-unsafe-eval'${production ? '' : " 'unsafe-eval'"}`,
    "style-src 'self'",
    "connect-src 'self'",
  ].join('; ');
}

/** Powerful features the page never uses are off; copying the scenario link needs the clipboard. */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'display-capture=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'fullscreen=(self)',
  'clipboard-write=(self)',
].join(', ');

/** Headers on every response. Cross-origin isolation (COOP/COEP) also allows onnxruntime-web's threads. */
export const COMMON_HEADERS = [
  { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
];
