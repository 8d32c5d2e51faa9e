/** A report or file that cannot be written: KPI0952 with the reason in words (disk full, permission, …), exit 2. */
import { DataError } from './data/read.js';
import { writeErrorMessage } from './atomic.js';

export function outputError(shown: string, target: string, e: unknown): DataError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const help =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'free some space, or write the report to another disk with `-o`; nothing was written and any older file is unchanged'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'write it to a folder you can write to, with `-o`'
        : code === 'EISDIR'
          ? 'give a file name, e.g. `-o 结果.xlsx`'
          : 'nothing was written; any older file is unchanged';
  return new DataError({ code: 'KPI0952', severity: 'error', file: shown, message: writeErrorMessage(shown, target, e), help });
}
