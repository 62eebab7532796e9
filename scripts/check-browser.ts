/** Fails early, with the fix, when the browser (or the PDF reader) the end-to-end tests need is missing. */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { CHROMIUM_PATH } from './chromium';

try {
  accessSync(CHROMIUM_PATH, constants.X_OK);
} catch {
  console.error(`No Chromium at ${CHROMIUM_PATH}. Install Debian's: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  process.exit(1);
}

// The PDF export's test reads the file back as a reader would: pdftotext and pdfinfo, from poppler-utils.
for (const tool of ['pdftotext', 'pdfinfo']) {
  if (spawnSync(tool, ['-v']).error) {
    console.error(`No ${tool}. Install Debian's poppler-utils: sudo apt-get install -y poppler-utils.`);
    process.exit(1);
  }
}
