import { readFileSync } from 'node:fs';
import type { NextConfig } from 'next';
import { assetContentSecurityPolicy, COMMON_HEADERS } from './security-headers';

const production = process.env.NODE_ENV === 'production';
/** A request from a browser that takes gzip (every one does). */
const ACCEPTS_GZIP = [{ type: 'header' as const, key: 'accept-encoding', value: '.*gzip.*' }];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: {
    // onnxruntime-web's build for an external WebAssembly file: the runtime loads it from /ort/ (wasmPaths,
    // copied by prepare-assets), so the bundler does not emit a second, unused 14 MB copy of it.
    resolveAlias: { 'onnxruntime-web/wasm': './node_modules/onnxruntime-web/dist/ort.wasm.min.mjs' },
  },
  // A deployment may pin the model and card it accepts (SHA-256, hex); set when building.
  env: {
    // The release every export names in its provenance.
    RISKDIAL_APP_VERSION: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    RISKDIAL_PIN_MODEL_SHA256: process.env.RISKDIAL_PIN_MODEL_SHA256 ?? '',
    RISKDIAL_PIN_CARD_SHA256: process.env.RISKDIAL_PIN_CARD_SHA256 ?? '',
  },
  // The WebAssembly runtime as prepare-assets compressed it: compressing 14 MB on every request cost each
  // worker about 400 ms of the server's core at a cold start (the response is marked gzip, so not compressed again).
  async rewrites() {
    return { beforeFiles: [{ source: '/ort/:file.wasm', has: ACCEPTS_GZIP, destination: '/ort/:file.wasm.gz' }] };
  },
  async headers() {
    return [
      { source: '/:path*', headers: COMMON_HEADERS },
      // The page's own policy, with its nonce, comes from proxy.ts; everything served as a file gets this one.
      ...['/_next/:path*', '/ort/:path*', '/fonts/:path*', '/models/:path*', '/portfolios/:path*', '/sw.js'].map((source) => ({
        source,
        headers: [{ key: 'Content-Security-Policy', value: assetContentSecurityPolicy(production) }],
      })),
      {
        source: '/ort/:file.wasm',
        has: ACCEPTS_GZIP,
        headers: [
          { key: 'Content-Encoding', value: 'gzip' },
          { key: 'Content-Type', value: 'application/wasm' },
          { key: 'Vary', value: 'Accept-Encoding' },
        ],
      },
      // The service worker (made by `npm run build`): asked for afresh on every visit, so that a new build takes over.
      { source: '/sw.js', headers: [{ key: 'Cache-Control', value: 'no-cache' }] },
    ];
  },
};

export default nextConfig;
