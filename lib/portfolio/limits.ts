/**
 * The largest tape the page reads: text decoding, parsing and the model's columns all live in one
 * browser tab (a million Lending Club loans is about 150 MB). Larger books go to the command line,
 * which reads the same files with the same engine.
 */
export const MAX_BROWSER_TAPE_BYTES = 256 * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** The refusal for a file too large for the page, or undefined when it fits. */
export function tooLargeForBrowser(name: string, bytes: number): string | undefined {
  if (bytes <= MAX_BROWSER_TAPE_BYTES) return undefined;
  return (
    `${name} is ${megabytes(bytes)}; this page reads loan tapes of up to ${megabytes(MAX_BROWSER_TAPE_BYTES)}. ` +
    `Score a larger book with the command line, on the same engine: npm run score -- --portfolio ${name} --out scores.csv`
  );
}
