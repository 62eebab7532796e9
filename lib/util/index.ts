export { assertNever } from './assert-never';
export { errorMessage } from './error-message';
export { decodeText, encodingOf, type DecodedText } from './decode-text';
export { shorten } from './shorten';
export { nextTask } from './next-task';
export { perLabel } from './per-label';
