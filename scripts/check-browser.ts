/** Fails early, with the fix, when the browser the end-to-end tests need is missing. */
import { accessSync, constants } from 'node:fs';
import { CHROMIUM_PATH } from './chromium';

try {
  accessSync(CHROMIUM_PATH, constants.X_OK);
} catch {
  console.error(`No Chromium at ${CHROMIUM_PATH}. Install Debian's: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  process.exit(1);
}
