export { Rational } from './rational.js';
export { DecimalSchema, dec, type Decimal } from './decimal.js';
