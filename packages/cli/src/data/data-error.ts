/**
 * A data error that stops reading the file: becomes a diagnostic and exit 2. A module of its own so that
 * main.ts can recognise it without loading the readers (csv-parse) for commands that read no data.
 */
import type { Diagnostic } from '@kpi/core';

export class DataError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}
