/**
 * The one language type of the toolchain: diagnostics, explanations, report headers, hover and
 * completion text and the playground all take a `Lang`.
 */
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** a text in both languages */
export interface Text {
  en: string;
  zh: string;
}

/** `zh`, `zh_CN.UTF-8`, `zh-TW`, `en_US` → a Lang; C, POSIX, empty or unknown → undefined (no opinion) */
export function langOf(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'zh' || v.startsWith('zh_') || v.startsWith('zh-') || v.startsWith('zh.')) return 'zh';
  if (v === 'en' || v.startsWith('en_') || v.startsWith('en-') || v.startsWith('en.')) return 'en';
  // another language (fr_FR, ja_JP): we have no text in it, English is the closer default
  if (/^[a-z]{2,3}([_.-]|$)/.test(v) && v !== 'c' && !v.startsWith('c.') && v !== 'posix') return 'en';
  return undefined;
}

/**
 * The language a command uses when `--lang` is not given: `KPI_LANG`, then `LC_ALL`, then `LANG`
 * (zh_* → zh). The first that names a language decides; `C`/`POSIX`/unset say nothing, and then
 * `fallback` (what the command printed before languages were selectable) applies.
 */
export function langFromEnv(env: Record<string, string | undefined>, fallback: Lang = 'en'): Lang {
  return langOf(env.KPI_LANG) ?? langOf(env.LC_ALL) ?? langOf(env.LANG) ?? fallback;
}
