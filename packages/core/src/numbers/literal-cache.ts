/**
 * A memo keyed by the text of a number as a plan writes it (`10%`, `0.35`, `1200000`). A plan of 10,000
 * indicators repeats a few such texts thousands of times, so what is computed from one (its IR value, its
 * Rational, its units) is computed once. Cleared when it holds `limit` texts, so a file of distinct numbers
 * cannot grow it without bound; not for data values, which rarely repeat.
 */
export class LiteralCache<V> extends Map<string, V> {
  constructor(private readonly limit = 4096) {
    super();
  }

  override set(text: string, value: V): this {
    if (this.size >= this.limit && !this.has(text)) this.clear();
    return super.set(text, value);
  }
}
