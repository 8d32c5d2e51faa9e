export * from './schema.js';
export * from './walk.js';
