import type { Span } from '../source/span.js';
import type { Args } from './template.js';

/**
 * Where a text came from in the catalogue (messages/): the id of a template and its arguments, so
 * the text can be rendered again in another language (`localize`). Texts built by the deprecated
 * factories carry none and stay as written.
 */
export interface MessageRef {
  id: string;
  args: Args;
}

/** a diagnostic's texts: message (and by default help and fix label) from `id`; `help`/`fix` from other entries */
export interface DiagnosticText extends MessageRef {
  /** help from another entry's message; null: no help although the entry has one */
  help?: MessageRef | null;
  /** fix label from another entry's message */
  fix?: MessageRef;
}

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
  t?: MessageRef;
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
  /** the catalogue texts behind message/help/fix, for rendering in another language */
  t?: DiagnosticText;
}

export interface CatalogueEntry {
  code: string;
  severity: Severity;
  /** a short name for docs and SARIF rules, e.g. "weights-do-not-sum-to-100" */
  name: string;
  /** one line for the docs and SARIF `shortDescription` */
  summary: string;
}
