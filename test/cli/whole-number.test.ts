import { describe, expect, it } from 'vitest';
import { wholeNumberOption } from '../../packages/cli/src/whole-number.js';

describe('wholeNumberOption (--max-errors, --max-warnings)', () => {
  it('takes decimal digits, spaces around them, from the minimum up', () => {
    expect(wholeNumberOption('0', 0)).toBe(0);
    expect(wholeNumberOption(' 50 ', 1)).toBe(50);
    expect(wholeNumberOption('007', 1)).toBe(7);
    expect(wholeNumberOption(String(Number.MAX_SAFE_INTEGER), 0)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses what Number() would take but nobody means as a count', () => {
    for (const text of ['1e3', '0x10', '0b11', '5.0', '1.5', '-1', '+3', '', ' ', 'Infinity', '١٢']) {
      expect(wholeNumberOption(text, 0), text).toBeUndefined();
    }
  });

  it('refuses less than the minimum and more than a safe integer', () => {
    expect(wholeNumberOption('0', 1)).toBeUndefined();
    expect(wholeNumberOption('9007199254740993', 0)).toBeUndefined();
  });
});
