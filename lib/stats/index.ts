export { normalCdf, normalQuantile } from './normal';
