export { printPlanFile, type PrintOptions } from './print.js';
export { formatText, type FormatResult, type FormatOptions } from './format-text.js';
export { printExpr } from './expr.js';
export { keywordStyleOf, respell } from './keywords.js';
export { printName, printNumLit, displayWidth, quote, isIdentifier } from './text.js';
