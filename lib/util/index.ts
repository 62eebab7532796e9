export { assertNever } from './assert-never';
export { errorMessage } from './error-message';
