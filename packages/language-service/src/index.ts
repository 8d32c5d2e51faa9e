/**
 * @kpi/language-service — editor-neutral language support for plan files: markers from diagnostics,
 * a Monarch tokenizer generated from the lexer's token catalogue, completions, hover and quick fixes.
 * Offsets are the core's 0-based UTF-16 offsets; positions are 1-based line/column (Monaco's model).
 */
export * from './positions.js';
export * from './markers.js';
export * from './describe.js';
export * from './names.js';
export * from './completion.js';
export * from './hover.js';
export * from './markdown.js';
export * from './fixes.js';
export * from './monarch.js';
export * from './symbols.js';
export * from './textmate.js';
