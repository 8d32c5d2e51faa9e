/**
 * The IR's two most numerous nodes as the parsers make them: a number literal and a name. Each keeps its offsets
 * in two fields of its own, and its `span` is made when it is read, so a literal is one object instead of two.
 * A plan of 10,000 indicators has ~55,000 literals and ~19,000 names; every node of its IR lives until the plan is
 * checked, so V8 copies each object twice (in the young generation, then out of it), and the objects saved here
 * were ~0.91x the CPU of `kpi check` (issue 14, BENCHMARKS.md).
 *
 * They are the `NumLit` and `Name` of schema.ts to every reader (`span` is a `Span`, read or assigned); as JSON
 * (`kpi compile --target json`) they are written exactly as plain nodes are, key for key. Two things differ from
 * a plain object, and nothing in the core relies on them: each read of `span` gives a new object (compare offsets,
 * not spans), and their own keys are `start` and `end`, not `span` (`Object.keys`, a spread `{ ...lit }`).
 * The two classes repeat their few lines of `span` rather than inherit them: a base class's constructor is one
 * more call at each of the ~74,000 constructions, and in V8's interpreter that cost more than the objects saved
 * (1.09x the CPU, measured with more such classes: BENCHMARKS.md, 2026-12-08).
 */
import type { Span } from '../source/span.js';
import type { Name, NumLit } from './schema.js';

export class NumLitNode implements NumLit {
  constructor(
    public value: string,
    public percent: boolean,
    public start: number,
    public end: number,
  ) {}
  get span(): Span {
    return { start: this.start, end: this.end };
  }
  set span(s: Span) {
    this.start = s.start;
    this.end = s.end;
  }
  toJSON(): NumLit {
    return { value: this.value, percent: this.percent, span: { start: this.start, end: this.end } };
  }
}

export class NameNode implements Name {
  constructor(
    public text: string,
    public start: number,
    public end: number,
  ) {}
  get span(): Span {
    return { start: this.start, end: this.end };
  }
  set span(s: Span) {
    this.start = s.start;
    this.end = s.end;
  }
  toJSON(): Name {
    return { text: this.text, span: { start: this.start, end: this.end } };
  }
}
