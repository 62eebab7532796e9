/**
 * `npm run api`: the engine as a REST service (api/app.ts) on this machine, with the deployment's model
 * card and model (or `--manifest CARD`), verified once at start. Listens on 127.0.0.1:8000 unless
 * `--host` / `--port` say otherwise; `GET /openapi.json` describes it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildApi } from '../api/app';
import { errorMessage } from '../lib/util';
import { DEPLOYMENT_CARD, openDeployment } from './deployment';

const { values } = parseArgs({
  options: {
    manifest: { type: 'string', default: DEPLOYMENT_CARD },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8000' },
  },
});

try {
  const verified = await openDeployment(values.manifest);
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  const app = buildApi({ verified, version });
  const address = await app.listen({ host: values.host, port: Number(values.port) });
  console.log(`Riskdial API on ${address}: model ${verified.manifest.name} (SHA-256 ${verified.model.sha256}); ${address}/openapi.json`);
} catch (e) {
  console.error(`The API could not start: ${errorMessage(e)}`);
  process.exit(2);
}
