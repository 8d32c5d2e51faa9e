export * from './source/span.js';
export * from './numbers/index.js';
export * from './diagnostics/types.js';
export * from './ir/index.js';
export * from './diagnostics/catalogue.js';
export * from './run/types.js';
export * from './data/index.js';
