/**
 * Keyword style for `kpi fmt`: a plan's keywords in English (`weight`) or Chinese (`权重`), from the one
 * keyword table (lexer/keywords.ts). The printer writes English keywords; `respell` then rewrites every
 * token used as a keyword — never one used as a name (`indicator 目标 …`), a string or a comment — into
 * the chosen style. A file's own style is the one most of its keywords are written in.
 */
import { tokenize } from '../lexer/index.js';
import { keywordOf, spell, WHOLE_STEP_ZH, type KeywordStyle } from '../lexer/keywords.js';
import { parseText } from '../parser/index.js';

const isKeywordToken = (name: string) => name.startsWith('Kw_');

/** the style most keywords of `text` are written in (English when tied or none) */
export function keywordStyleOf(text: string, names: ReadonlySet<number> = parseText('', text).keywordNames ?? new Set()): KeywordStyle {
  let zh = 0;
  let en = 0;
  for (const t of tokenize(text).tokens) {
    if (!isKeywordToken(t.tokenType.name) || names.has(t.startOffset)) continue;
    if (/^[a-z]/.test(t.image)) en++;
    else zh++;
  }
  return zh > en ? 'zh' : 'en';
}

/** `text` (a plan without syntax errors) with every keyword spelt in `style` */
export function respell(text: string, style: KeywordStyle): string {
  const names = parseText('', text).keywordNames ?? new Set<number>();
  let out = '';
  let at = 0;
  const tokens = tokenize(text).tokens;
  tokens.forEach((t, i) => {
    if (!isKeywordToken(t.tokenType.name) || names.has(t.startOffset)) return;
    const en = keywordOf(t.image);
    if (!en) return;
    // `whole` opens a commission's tiers (全额累进) or ends a step clause (不足一档不计)
    const want = en === 'whole' && style === 'zh' && tokens[i + 1]?.image !== '{' ? WHOLE_STEP_ZH : spell(en, style);
    if (want === t.image) return;
    out += text.slice(at, t.startOffset) + want;
    at = t.startOffset + t.image.length;
  });
  return out + text.slice(at);
}
