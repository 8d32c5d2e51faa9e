/**
 * `kpi --help` and `kpi <command> --help` in the run's language: commander's own words (the section titles,
 * `(choices: …)`, `(default: …)`) from the catalogue's `cli-help.*` entries (core's diagnostics/messages/help.ts),
 * whose English is commander 14's, so an English help is what commander itself prints, byte for byte. The
 * commands take their descriptions, argument and option help and examples from the same entries.
 *
 * A Chinese help is also measured and wrapped as Chinese: commander counts a character as one column and breaks
 * lines only at spaces, so its Chinese lines would run twice as wide as it thinks and never break.
 */
import { Help, type Argument, type HelpConfiguration, type Option } from 'commander';
import type { Lang } from '@kpi/core';
import { ui, type ArgsOf, type MessageId } from '@kpi/core/diag';
import { displayWidth } from '@kpi/core/render';

/** the catalogue's texts in the run's language, for a command's help: `const h = helpTexts(io.lang ?? 'en'); h('cli-help.check', {})` */
export const helpTexts =
  (lang: Lang) =>
  <I extends MessageId>(id: I, args: ArgsOf<I>): string =>
    ui(id, args, lang);

/** the titles commander gives styleTitle() (help.js: formatHelp), and their entries */
const TITLES: Readonly<Record<string, 'cli-help.title.usage' | 'cli-help.title.arguments' | 'cli-help.title.options' | 'cli-help.title.global-options' | 'cli-help.title.commands'>> = {
  'Usage:': 'cli-help.title.usage',
  'Arguments:': 'cli-help.title.arguments',
  'Options:': 'cli-help.title.options',
  'Global Options:': 'cli-help.title.global-options',
  'Commands:': 'cli-help.title.commands',
};

/** `description (choices: …, default: …)`: commander's optionDescription/argumentDescription, in `lang` */
function described(description: string, extra: string[], lang: Lang): string {
  if (!extra.length) return description;
  const e = ui('cli-help.extra', { items: extra.join(ui('cli-help.extra.sep', {}, lang)) }, lang);
  return description ? ui('cli-help.described', { description, extra: e }, lang) : e;
}

const choicesOf = (choices: readonly string[], lang: Lang): string =>
  ui('cli-help.extra.choices', { values: choices.map((c) => JSON.stringify(c)).join(ui('cli-help.extra.values-sep', {}, lang)) }, lang);

const defaultOf = (o: Option | Argument, lang: Lang): string =>
  ui('cli-help.extra.default', { value: o.defaultValueDescription || JSON.stringify(o.defaultValue) }, lang);

/**
 * Where a Chinese line may break: at spaces, as commander breaks, and between two Chinese characters, after a closing
 * mark (`，` `）` `：`) or before an opening one (`（`); never before a closing mark nor after an opening one, and not
 * inside Chinese written against a Latin word (`plans/店长.kpi`).
 */
const HAN = /^\p{Script=Han}$/u;
const CJK = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef]$/u;
const OPENING = '（《「『【〔';
const CLOSING = '，。、；：！？）》」』】〕';
/** a word's tokens: one Chinese character or mark each, or a run of anything else */
const TOKEN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/gu;

/** the pieces of one word (no spaces) between which a line may break */
function piecesOf(word: string): string[] {
  const tokens = word.match(TOKEN) ?? [];
  const latin = (t: string | undefined) => t !== undefined && !CJK.test(t);
  // Chinese characters written against a Latin word stay together, with it
  const bound = new Array<boolean>(tokens.length).fill(false);
  for (let i = 0; i < tokens.length; ) {
    if (!HAN.test(tokens[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && HAN.test(tokens[j]!)) j++;
    if (latin(tokens[i - 1]) || latin(tokens[j])) bound.fill(true, i, j);
    i = j;
  }
  const pieces: string[] = [];
  tokens.forEach((t, i) => {
    const a = tokens[i - 1];
    const breaks =
      a !== undefined &&
      !CLOSING.includes(t) &&
      !OPENING.includes(a) &&
      ((CJK.test(a) && CJK.test(t) && !(bound[i - 1] && bound[i])) || CLOSING.includes(a) || OPENING.includes(t));
    if (breaks || !pieces.length) pieces.push(t);
    else pieces[pieces.length - 1] += t;
  });
  return pieces;
}

/** a line in the pieces it may be broken into, each with the spaces before it (commander's chunks) */
function chunksOf(line: string): string[] {
  const chunks: string[] = [];
  for (const m of line.matchAll(/(\s*)(\S+)/g)) {
    const [first, ...rest] = piecesOf(m[2]!);
    chunks.push(m[1]! + first!, ...rest);
  }
  return chunks;
}

/** commander's boxWrap (help.js), with the breaks of chunksOf */
function boxWrapCjk(this: Help, str: string, width: number): string {
  if (width < this.minWidthToWrap) return str;
  return str
    .split(/\r\n|\n/)
    .map((line) => {
      const chunks = chunksOf(line);
      if (!chunks.length) return '';
      const lines: string[] = [];
      let current = chunks[0]!;
      let w = this.displayWidth(current);
      for (const chunk of chunks.slice(1)) {
        const cw = this.displayWidth(chunk);
        if (w + cw <= width) {
          current += chunk;
          w += cw;
          continue;
        }
        lines.push(current);
        current = chunk.trimStart();
        w = this.displayWidth(current);
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}

/** what `configureHelp()` gets, for the program and every command */
export function helpConfiguration(lang: Lang): HelpConfiguration {
  const config: HelpConfiguration = {
    styleTitle: (title: string) => {
      const id = TITLES[title];
      return id ? ui(id, {}, lang) : title;
    },
    optionDescription: (option: Option) => {
      const extra: string[] = [];
      if (option.argChoices) extra.push(choicesOf(option.argChoices, lang));
      // as commander: a default is shown for an option that takes a value, or a boolean one with a boolean default
      if (option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'))) {
        extra.push(defaultOf(option, lang));
      }
      if (option.presetArg !== undefined && option.optional) extra.push(ui('cli-help.extra.preset', { value: JSON.stringify(option.presetArg) }, lang));
      if (option.envVar !== undefined) extra.push(ui('cli-help.extra.env', { name: option.envVar }, lang));
      return described(option.description, extra, lang);
    },
    argumentDescription: (argument: Argument) => {
      const extra: string[] = [];
      if (argument.argChoices) extra.push(choicesOf(argument.argChoices, lang));
      if (argument.defaultValue !== undefined) extra.push(defaultOf(argument, lang));
      return described(argument.description, extra, lang);
    },
  };
  if (lang === 'en') return config;
  return {
    ...config,
    displayWidth: (str: string) => displayWidth(stripSgr(str)),
    boxWrap: boxWrapCjk,
    // `用法：kpi check …`: after a full-width colon, no space
    formatHelp(this: Help, cmd, helper) {
      const text = Help.prototype.formatHelp.call(this, cmd, helper);
      const usage = ui('cli-help.title.usage', {}, lang);
      return usage.endsWith('：') && text.startsWith(`${usage} `) ? usage + text.slice(usage.length + 1) : text;
    },
  };
}

/** commander's displayWidth ignores colour codes (SGR); so does ours */
// eslint-disable-next-line no-control-regex
const stripSgr = (s: string): string => s.replace(/\x1b\[\d*(;\d*)*m/g, '');
