/**
 * Message templates: plain strings with `{{name}}` placeholders (double braces, because plan text
 * in messages uses single ones: `bands { >= 100%: 100 }`). The placeholders of a template are its
 * arguments; `Params` reads them from the template's literal type, so a call site that passes the
 * wrong arguments does not compile.
 */
import type { Lang, Text } from './lang.js';

/** an argument: plain text (names, numbers) or a text that itself exists in both languages */
export type Arg = string | number | Text;
export type Args = Readonly<Record<string, Arg>>;

/** the placeholder names of a template literal type: Params<'`{{a}}` is {{b}}'> = 'a' | 'b' */
export type Params<S extends string> = S extends `${string}{{${infer P}}}${infer R}` ? P | Params<R> : never;

/** every placeholder name used in a template string (runtime twin of Params) */
export function paramsOf(template: string): string[] {
  return [...template.matchAll(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g)].map((m) => m[1]!);
}

/** fill a template; a missing argument shows as `{{name}}` (the catalogue test catches it) */
export function fill(template: string, args: Args, lang: Lang = 'en'): string {
  return template.replace(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g, (whole, name: string) => {
    const v = args[name];
    return v === undefined ? whole : typeof v === 'object' ? v[lang] : String(v);
  });
}

export const pick = (t: Text, lang: Lang): string => t[lang];
