/** A report or file that cannot be written: KPI0952 with the reason in words (disk full, permission, …), exit 2. */
import { DataError } from './data/data-error.js';
import { writeError } from './atomic.js';

export function outputError(shown: string, target: string, e: unknown): DataError {
  return new DataError(writeError(shown, target, e));
}
