export { Rational } from './rational.js';
export { dec, type Decimal } from './decimal.js';
