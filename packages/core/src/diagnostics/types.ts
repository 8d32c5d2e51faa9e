import type { Span } from '../source/span.js';

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  span: Span;
  text: string;
}

export interface Fix {
  /** what applying it does, e.g. "set `拓展目标` to 20% so the plan sums to 100%" */
  message: string;
  edits: TextEdit[];
}

export interface Related {
  span: Span;
  message: string;
  /** defaults to the diagnostic's file */
  file?: string;
}

/** Where a data-file finding sits: 1-based row as a spreadsheet shows it (header = row 1), column name, raw value. */
export interface DataLocation {
  row?: number;
  column?: string;
  value?: string;
}

/**
 * A finding. Diagnostics are data: no phase throws on user errors, it returns these,
 * and one renderer (render/) prints them for terminal, JSON, GitHub, SARIF and JUnit.
 */
export interface Diagnostic {
  /** stable code from the catalogue, e.g. `KPI0301` */
  code: string;
  severity: Severity;
  /** file name as the user gave it */
  file?: string;
  /** absent for findings about a data file, which carry `data` instead */
  span?: Span;
  /** one short sentence: what is wrong; names in backticks */
  message: string;
  related?: Related[];
  /** why, and how to fix it */
  help?: string;
  fix?: Fix;
  data?: DataLocation;
  /** a practice warning the plan accepts with `allow CODE "reason"`: kept for machines (JSON, SARIF), not shown
   * or counted as a warning */
  suppressed?: { reason: string; span?: Span };
}

export interface CatalogueEntry {
  code: string;
  severity: Severity;
  /** a short name for docs and SARIF rules, e.g. "weights-do-not-sum-to-100" */
  name: string;
  /** one line for the docs and SARIF `shortDescription` */
  summary: string;
}
