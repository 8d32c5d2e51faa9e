/**
 * `kpi --help` and `kpi <command> --help` in the run's language (the catalogue's cli-help.* entries, rendered by
 * packages/cli/src/help.ts and the commands). For the program and every command it lists: in a Chinese run
 * (`--lang zh`, or LANG=zh_CN.UTF-8 alone) the section titles are Chinese, every argument, option and command has a
 * description with Chinese in it, the same items as the English help in the same order, lines no wider than the
 * help's 80 columns, and the examples after them keep their commands and explain them in Chinese. The English help
 * is commander's, as before (check.test.ts: 'kpi --help and --version', lang.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../packages/core/src/source/width.js';
import { kpi } from './helpers.js';

const HAN = /\p{Script=Han}/u;
const EN_TITLES = ['Arguments:', 'Options:', 'Commands:'];
const ZH_TITLES = ['参数：', '选项：', '命令：'];

interface Item {
  term: string;
  /** the description, its wrapped lines joined */
  description: string;
}

interface ParsedHelp {
  usage: string;
  /** title → items, in order */
  sections: [string, Item[]][];
  /** the lines of the item sections, as printed */
  itemLines: string[];
  /** what addHelpText('after') added: the examples and notes */
  after: string[];
}

/**
 * commander's layout: `TITLE kpi …`, a blank line, the description, then sections (a title line, items indented by
 * 2 with the descriptions in one column, a blank line), then the text added after them
 */
function parseHelp(text: string, usageTitle: string, titles: string[]): ParsedHelp {
  const lines = text.replace(/\n$/, '').split('\n');
  expect(lines[0]!.startsWith(usageTitle), lines[0]).toBe(true);
  const sections: [string, Item[]][] = [];
  const itemLines: string[] = [];
  let end = 0;
  for (let i = 1; i < lines.length; i++) {
    if (!titles.includes(lines[i]!)) continue;
    const items: Item[] = [];
    sections.push([lines[i]!, items]);
    let column = 0;
    for (i++; i < lines.length && lines[i] !== ''; i++) {
      const line = lines[i]!;
      itemLines.push(line);
      const m = /^ {2}(\S(?:\S| (?! ))*)( {2,})(.*)$/.exec(line);
      if (m) {
        column = 2 + m[1]!.length + m[2]!.length;
        items.push({ term: m[1]!, description: m[3]! });
      } else {
        // a wrapped description: indented to the description column
        expect(line.slice(0, column).trim(), `continuation line ${JSON.stringify(line)}`).toBe('');
        expect(items.length).toBeGreaterThan(0);
        items[items.length - 1]!.description += line.slice(column);
      }
    }
    end = i;
  }
  return { usage: lines[0]!, sections, itemLines, after: lines.slice(end + 1) };
}

const help = (args: string[], env: Record<string, string> = {}) => {
  const r = kpi(args, { env });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout;
};

/** the commands `kpi --help` lists (its own English list: no command can be missed here) */
const english = parseHelp(help(['--help']), 'Usage:', EN_TITLES);
const COMMANDS = english.sections
  .find(([t]) => t === 'Commands:')![1]
  .map((c) => c.term.split(' ')[0]!)
  .filter((c) => c !== 'help');

/** an example line `  $ kpi … ` → its command and what follows it after two or more spaces */
const example = (line: string) => {
  const m = /^ {2}(\$ kpi(?:\S| (?! ))*)(?: {2,}(.*))?$/.exec(line);
  return m ? { command: m[1]!, explanation: m[2] } : undefined;
};
/** lines of code in a note (`kpi lsp --help`: how Neovim starts the server) */
const CODE = [/^ {2}vim\.lsp\.start\(/];

function expectChineseHelp(zhText: string, enText: string, what: string): void {
  const en = parseHelp(enText, 'Usage:', EN_TITLES);
  const zh = parseHelp(zhText, '用法：', ZH_TITLES);
  // the usage line itself (`kpi check [options] <files...>`) is the command's syntax, as in English
  expect(zh.usage.slice('用法：'.length), what).toBe(en.usage.slice('Usage: '.length));
  // no English title is left, and the description under the usage line is Chinese
  expect(zhText, what).not.toMatch(/^(Usage|Arguments|Options|Commands|Global Options|Examples|Exit codes):/m);
  const description = zhText.split('\n')[2]!;
  expect(description, what).toMatch(HAN);
  // the same sections and items as in English, each described in Chinese (with something else than the English)
  expect(zh.sections.map(([t]) => ZH_TITLES.indexOf(t)), what).toEqual(en.sections.map(([t]) => EN_TITLES.indexOf(t)));
  expect(zh.sections.length, what).toBeGreaterThan(0);
  zh.sections.forEach(([title, items], s) => {
    const enItems = en.sections[s]![1];
    expect(items.map((x) => x.term), `${what} ${title}`).toEqual(enItems.map((x) => x.term));
    items.forEach((item, k) => {
      expect(item.description, `${what}: ${item.term}`).toMatch(HAN);
      expect(item.description, `${what}: ${item.term}`).not.toBe(enItems[k]!.description);
    });
  });
  // a Chinese character takes two columns: the wrapped items still fit commander's 80
  for (const line of zh.itemLines) expect(displayWidth(line), `${what}: ${JSON.stringify(line)}`).toBeLessThanOrEqual(80);
  // the examples and notes: the same commands, explained in Chinese; every other line Chinese but code
  expect(zh.after.map(example).filter(Boolean).map((e) => e!.command), what).toEqual(en.after.map(example).filter(Boolean).map((e) => e!.command));
  expect(zh.after.join('\n'), what).not.toBe(en.after.join('\n'));
  for (const line of zh.after.filter((l) => l.trim() !== '')) {
    const e = example(line);
    if (e) {
      if (e.explanation !== undefined) expect(e.explanation, `${what}: ${line}`).toMatch(HAN);
    } else if (!CODE.some((c) => c.test(line))) expect(line, what).toMatch(HAN);
  }
}

describe('kpi --help in the run’s language', () => {
  it('finds every command in the English `kpi --help`', () => {
    expect(COMMANDS).toEqual(['check', 'test', 'score', 'explain', 'fmt', 'compile', 'init', 'diff', 'solve', 'lsp']);
  });

  const RUNS: [string, (args: string[]) => string][] = [
    ['--lang zh', (args) => help([...args, '--lang', 'zh'])],
    ['LANG=zh_CN.UTF-8', (args) => help(args, { LANG: 'zh_CN.UTF-8' })],
  ];
  const enHelp = new Map<string, string>();
  const en = (args: string[]) => {
    const key = args.join(' ');
    if (!enHelp.has(key)) enHelp.set(key, help(args));
    return enHelp.get(key)!;
  };

  describe.each(RUNS)('%s', (_run, zh) => {
    it('kpi --help', () => {
      expectChineseHelp(zh(['--help']), en(['--help']), 'kpi --help');
    });
    it.each(COMMANDS)('kpi %s --help', (cmd) => {
      expectChineseHelp(zh([cmd, '--help']), en([cmd, '--help']), `kpi ${cmd} --help`);
    });
  });

  it('`kpi help CMD`, `kpi CMD -h` and --lang before --help give the same Chinese help', () => {
    const zh = help(['check', '--help', '--lang', 'zh']);
    expect(help(['help', 'check', '--lang', 'zh'])).toBe(zh);
    expect(help(['check', '-h'], { KPI_LANG: 'zh' })).toBe(zh);
    expect(help(['check', '--lang', 'zh', '--help'])).toBe(zh);
    expect(zh).toMatch(/^用法：kpi check \[options\] <files\.\.\.>\n\n检查方案文件/);
    expect(zh).toContain('  -f, --format <format>  输出格式（可选值："terminal"、"json"、"github"、\n');
  });

  it('--lang en in a Chinese locale is the English help, byte for byte', () => {
    for (const args of [['--help'], ['score', '--help'], ['init', '--help']]) expect(help([...args, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).toBe(en(args));
  });

  it('a bare `kpi` in a Chinese run prints the Chinese help on stderr, exit 2', () => {
    const r = kpi([], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(help(['--help'], { LANG: 'zh_CN.UTF-8' }));
  });
});
