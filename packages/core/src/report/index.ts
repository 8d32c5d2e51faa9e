export * from './shape.js';
export * from './csv.js';
