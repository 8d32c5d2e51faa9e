export * from './value.js';
export * from './decode.js';
export * from './table.js';
export * from './json.js';
export * from './hints.js';
export * from './sheet.js';
export * from './id-key.js';
export * from './plain.js';
export { IdRows } from './id-rows.js';
