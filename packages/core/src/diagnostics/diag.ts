/**
 * `diag()`: the one way to make a diagnostic. The id names a catalogue entry (messages/), whose
 * templates give message, help and fix label in English and Chinese; the arguments are typed by the
 * templates' placeholders. The diagnostic keeps its English text (what tests and the API have always
 * seen) and the reference `t`, from which `localize()` renders it in the language the user chose.
 */
import type { Diagnostic, DiagnosticText, Fix, MessageRef, Related, Severity, TextEdit, DataLocation } from './types.js';
import type { Span } from '../source/span.js';
import type { Lang, Text } from './lang.js';
import { fill, type Arg, type Params } from './template.js';
import { MESSAGE_TABLE, type DiagnosticId, type MessageId, MESSAGES } from './messages/index.js';

export type { DiagnosticId, MessageId, Code } from './messages/index.js';
export type { MessageRef } from './types.js';
import { CATALOGUE } from './catalogue.js';

type EnOf<T> = T extends { en: infer S extends string } ? S : never;
type TemplatesOf<I extends MessageId> = (typeof MESSAGES)[I] extends infer E
  ? (E extends { message: infer M } ? EnOf<M> : never) | (E extends { help: infer H } ? EnOf<H> : never) | (E extends { fix: infer F } ? EnOf<F> : never)
  : never;
/** the arguments of an entry: one per placeholder of its English templates (the Chinese ones are tested to match) */
export type ArgsOf<I extends MessageId> = { readonly [K in Params<TemplatesOf<I>>]: Arg };

export interface At {
  file?: string | undefined;
  span?: Span | undefined;
  data?: DataLocation;
  related?: Related[];
  /** edits of the fix; its label comes from the entry's `fix` template (or `fixText`) */
  edits?: TextEdit[];
  fixText?: MessageRef;
  /** help from another entry's message instead of this entry's own help; null for none */
  helpText?: MessageRef | null;
  /** overrides the catalogue's default severity */
  severity?: Severity;
}

const codeOf = (id: string): string => id.split('.')[0]!;

/** a reference to a text entry with its arguments, typed like diag() */
export function text<I extends MessageId>(id: I, args: ArgsOf<I>): MessageRef {
  return { id, args };
}

/** a text of the table in a language: ui('ui.help', {}, 'zh') = '帮助' */
export function ui<I extends MessageId>(id: I, args: ArgsOf<I>, lang: Lang): string {
  return render({ id, args }, lang);
}

/** the `{{s}}` argument of a message that counts (`{{n}} warning{{s}}`): the English plural ending of `n` */
export const pluralS = (n: number): string => (n === 1 ? '' : 's');

/** a text entry in both languages, to pass as an argument of another template */
export function bilingual<I extends MessageId>(id: I, args: ArgsOf<I>): Text {
  const t = text(id, args);
  return { en: render(t, 'en'), zh: render(t, 'zh') };
}

/**
 * Items in both languages joined by a separator in both languages: a list inside a message, whose Chinese is
 * joined differently (`a, b` / `a、b`, ` or ` / ` 或 `). A plain string item is the same in both.
 */
export function joinTexts(items: readonly (Text | string)[], sep: Text): Text {
  const side = (lang: keyof Text) => items.map((t) => (typeof t === 'string' ? t : t[lang])).join(sep[lang]);
  return { en: side('en'), zh: side('zh') };
}

/** a reference rendered in both languages */
export function bilingualRef(t: MessageRef): Text {
  return { en: render(t, 'en'), zh: render(t, 'zh') };
}

/** a related note from the catalogue */
export function note<I extends MessageId>(id: I, args: ArgsOf<I>, span: Span, file?: string): Related {
  const t = text(id, args);
  const r: Related = { span, message: render(t, 'en'), t };
  if (file !== undefined) r.file = file;
  return r;
}

export function diag<I extends DiagnosticId>(id: I, args: ArgsOf<I>, at: At = {}): Diagnostic {
  const t: DiagnosticText = { id, args };
  if (at.helpText !== undefined) t.help = at.helpText;
  if (at.fixText) t.fix = at.fixText;
  const code = codeOf(id);
  const d: Diagnostic = {
    code,
    severity: at.severity ?? CATALOGUE.get(code)?.severity ?? 'error',
    message: '',
  };
  if (at.file !== undefined) d.file = at.file;
  if (at.span) d.span = { start: at.span.start, end: at.span.end };
  if (at.data) d.data = at.data;
  if (at.related && at.related.length) d.related = at.related;
  if (at.edits) d.fix = { message: '', edits: at.edits };
  d.t = t;
  return textsIn(d, 'en');
}

/** the text of a reference in a language; an unknown id (a branch's new text not yet in the table) renders empty */
export function render(ref: MessageRef, lang: Lang): string {
  const e = MESSAGE_TABLE[ref.id];
  return e ? fill(e.message[lang], ref.args, lang) : '';
}

/** set message, help and fix label of `d` from its references, in `lang` (in place) */
function textsIn(d: Diagnostic, lang: Lang): Diagnostic {
  const t = d.t;
  if (!t) return d;
  const e = MESSAGE_TABLE[t.id];
  if (!e) return d;
  d.message = fill(e.message[lang], t.args, lang);
  const help = t.help === null ? undefined : t.help ? render(t.help, lang) : e.help ? fill(e.help[lang], t.args, lang) : undefined;
  if (help) d.help = help;
  else delete d.help;
  if (d.fix) {
    const label = t.fix ? render(t.fix, lang) : e.fix ? fill(e.fix[lang], t.args, lang) : d.fix.message;
    d.fix = { ...d.fix, message: label };
  }
  return d;
}

/**
 * The diagnostic in `lang`: message, help, fix label and notes re-rendered from their catalogue
 * references. Texts without a reference (deprecated factories, other branches' new codes) stay as written.
 */
export function localize(d: Diagnostic, lang: Lang): Diagnostic {
  if (lang === 'en' && !d.t && !d.related?.some((r) => r.t)) return d;
  const out: Diagnostic = { ...d };
  if (d.fix) out.fix = { ...d.fix };
  if (d.related) out.related = d.related.map((r) => (r.t ? { ...r, message: render(r.t, lang) || r.message } : r));
  return textsIn(out, lang);
}

export function localizeAll(ds: readonly Diagnostic[], lang: Lang): Diagnostic[] {
  return ds.map((d) => localize(d, lang));
}

/** the catalogue's one-line summary of a code in a language */
export function summaryOf(code: string, lang: Lang): string {
  const entry = CATALOGUE.get(code);
  if (lang === 'zh') {
    const zh = MESSAGE_TABLE[code]?.summaryZh;
    if (zh) return zh;
  }
  return entry?.summary ?? '';
}

/**
 * @deprecated for the factories that predate the catalogue's templates (CheckContext.report,
 * syntaxDiagnostic, the lowerer's report, the binder's d(), the CLI's dataError): a diagnostic whose
 * texts are given in English. Use diag() with a catalogue id instead.
 */
export function legacyDiagnostic(code: string, d: { file?: string | undefined; span?: Span | undefined; message: string; help?: string | undefined; fix?: Fix | undefined; related?: Related[] | undefined; severity?: Severity | undefined; data?: DataLocation | undefined }): Diagnostic {
  const out: Diagnostic = { code, severity: d.severity ?? CATALOGUE.get(code)?.severity ?? 'error', message: d.message };
  if (d.file !== undefined) out.file = d.file;
  if (d.span) out.span = { start: d.span.start, end: d.span.end };
  if (d.related && d.related.length) out.related = d.related;
  if (d.help) out.help = d.help;
  if (d.fix) out.fix = d.fix;
  if (d.data) out.data = d.data;
  return out;
}
