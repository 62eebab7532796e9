import type { NextConfig } from 'next';
import { assetContentSecurityPolicy, COMMON_HEADERS } from './security-headers';

const production = process.env.NODE_ENV === 'production';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A deployment may pin the model and card it accepts (SHA-256, hex); set when building.
  env: {
    RISKDIAL_PIN_MODEL_SHA256: process.env.RISKDIAL_PIN_MODEL_SHA256 ?? '',
    RISKDIAL_PIN_CARD_SHA256: process.env.RISKDIAL_PIN_CARD_SHA256 ?? '',
  },
  async headers() {
    return [
      { source: '/:path*', headers: COMMON_HEADERS },
      // The page's own policy, with its nonce, comes from proxy.ts; everything served as a file gets this one.
      ...['/_next/:path*', '/ort/:path*', '/models/:path*', '/portfolios/:path*'].map((source) => ({
        source,
        headers: [{ key: 'Content-Security-Policy', value: assetContentSecurityPolicy(production) }],
      })),
    ];
  },
};

export default nextConfig;
