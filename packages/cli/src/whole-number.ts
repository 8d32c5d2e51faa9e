/**
 * A count given on the command line (`--max-errors 50`, `--max-warnings 0`): decimal digits only, at least
 * `min`, a safe integer; undefined for anything else. One rule for every such option: `Number()` alone also
 * takes `1e3`, `0x10`, `5.0` and `0b11`, which nobody means as a count of findings.
 */
export function wholeNumberOption(text: string, min: number): number | undefined {
  const digits = text.trim();
  if (!/^\d+$/.test(digits)) return undefined;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
}
