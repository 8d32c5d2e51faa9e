/** Server options read from the client: the language of hovers and completions. */
import { describe, expect, it } from 'vitest';
import { fileNameOf, langOf } from '../src/index.js';

describe('langOf', () => {
  it('follows the client locale, an explicit option wins, no locale means Chinese', () => {
    expect(langOf('zh-cn')).toBe('zh');
    expect(langOf('zh-TW')).toBe('zh');
    expect(langOf('en')).toBe('en');
    expect(langOf('de')).toBe('en');
    expect(langOf(undefined)).toBe('zh');
    expect(langOf('zh-cn', 'en')).toBe('en');
    expect(langOf('en', 'zh')).toBe('zh');
    expect(langOf('en', 'fr')).toBe('en');
  });
});

describe('fileNameOf', () => {
  it('names diagnostics after the file, decoded', () => {
    expect(fileNameOf('file:///home/a/%E5%BA%97%E9%95%BF.kpi')).toBe('店长.kpi');
    expect(fileNameOf('untitled:Untitled-1')).toBe('untitled:Untitled-1');
    expect(fileNameOf('file:///x/bad%E5.kpi')).toBe('bad%E5.kpi');
  });
});
