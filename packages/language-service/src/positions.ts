/**
 * Editor positions: 1-based line and 1-based column in UTF-16 code units, as Monaco (and LSP, 0-based)
 * count them. The core speaks 0-based half-open offsets; the conversion happens here, at the edge.
 */
import { lineStartsOf, type Span } from '@kpi/core';

export interface Position {
  /** 1-based */
  lineNumber: number;
  /** 1-based, UTF-16 code units */
  column: number;
}

export interface Range {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** Offsets of line starts; `\n`, `\r\n` and a lone `\r` end a line, as in Monaco: the core's rule. */
export const lineStarts = lineStartsOf;

/** A text with its line table, for many conversions on the same text. */
export class LineMap {
  readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { lineNumber: lo + 1, column: o - this.starts[lo]! + 1 };
  }

  offset(pos: Position): number {
    const li = Math.max(0, Math.min(pos.lineNumber - 1, this.starts.length - 1));
    const start = this.starts[li]!;
    const next = this.starts[li + 1];
    let end = next ?? this.text.length;
    // exclude the line terminator
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return Math.min(start + Math.max(0, pos.column - 1), end);
  }

  range(span: Span): Range {
    const s = this.position(span.start);
    const e = this.position(Math.max(span.start, span.end));
    return { startLineNumber: s.lineNumber, startColumn: s.column, endLineNumber: e.lineNumber, endColumn: e.column };
  }
}

export const offsetToPosition = (text: string, offset: number): Position => new LineMap(text).position(offset);
export const positionToOffset = (text: string, pos: Position): number => new LineMap(text).offset(pos);
export const spanToRange = (text: string, span: Span): Range => new LineMap(text).range(span);
