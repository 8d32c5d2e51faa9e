/** The SQL target: a lowered plan → one exact query per dialect (see generate.ts). */
export { generateSql, SCALE_DIGITS, type SqlOptions, type SqlQuery, type SqlColumn, type SqlColumnRole } from './generate.js';
export { DIALECTS, type DialectName } from './dialect.js';
